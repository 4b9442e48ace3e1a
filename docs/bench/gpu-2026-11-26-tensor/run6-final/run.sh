#!/bin/bash
# Final checks of the tensor-core separable build: scripts/gpu_checks.sh quick (CUDA suite,
# interop, replay), the plan and mapping tests with the device, the benchmark beside NPP.
set -u
out=${1:?out}
kit=$(cd "$(dirname "$0")" && pwd)
b=/tmp/b; mkdir -p $b; tar xJf "$kit/bins.tar.xz" -C $b
if ! ldconfig -p | grep -q libnppif; then
    npp=$(find / -xdev -name 'libnppif.so*' 2>/dev/null | head -1)
    [ -n "$npp" ] && export LD_LIBRARY_PATH=$(dirname "$npp")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
fi
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm --format=csv > $out/log.txt
bash scripts/gpu_checks.sh $b /tmp/checks quick > /tmp/checks.txt 2>&1; echo "gpu_checks rc=$?" >> $out/log.txt
cat /tmp/checks/logs-quick/summary.txt >> $out/log.txt 2>/dev/null
tail -4 /tmp/checks/logs-quick/cuda_tests.log >> $out/log.txt 2>/dev/null
tar czf $out/checks.tar.gz -C /tmp checks checks.txt
timeout 60 $b/convis_tests -tc='cuda plan*,cuda-fast mapping*,cuda-fast: separable*' > /tmp/plan.log 2>&1; echo "plan rc=$?" >> $out/log.txt
tail -2 /tmp/plan.log >> $out/log.txt
timeout 150 $b/convis_cuda_bench --backends cuda-fast,cuda-fast-fp32 --json $out/convis.json > $out/bench.log 2>&1; echo "bench rc=$?" >> $out/log.txt
timeout 60 $b/convis_npp_peer --json $out/npp.json >> $out/bench.log 2>&1; echo "npp rc=$?" >> $out/log.txt
python3 bench/summarize.py $out/convis.json $out/npp.json > $out/table.txt 2>&1
cat $out/table.txt >> $out/log.txt
