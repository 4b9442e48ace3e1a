#!/bin/bash
# One device run: tensor separable suite + bench beside the FP32 kernel and NPP, ncu, plan tests.
set -u
out=${1:?out}
kit=$(cd "$(dirname "$0")" && pwd)
b=/tmp/b; mkdir -p $b; tar xJf "$kit/bins.tar.xz" -C $b
if ! ldconfig -p | grep -q libnppif; then
    npp=$(find / -xdev -name 'libnppif.so*' 2>/dev/null | head -1)
    [ -n "$npp" ] && export LD_LIBRARY_PATH=$(dirname "$npp")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
fi
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm --format=csv > $out/log.txt
timeout 200 $b/convis_cuda_tests -tc='cuda-fast: rank-1*' > $out/rank1.log 2>&1; echo "rank1 rc=$?" >> $out/log.txt
tail -5 $out/rank1.log >> $out/log.txt
grep -m20 "ERROR\|differ" $out/rank1.log >> $out/log.txt
timeout 100 $b/convis_cuda_bench --backends cuda-fast,cuda-fast-fp32 --json $out/convis.json > $out/bench.log 2>&1; echo "bench rc=$?" >> $out/log.txt
timeout 60 $b/convis_npp_peer --json $out/npp.json >> $out/bench.log 2>&1; echo "npp rc=$?" >> $out/log.txt
python3 bench/summarize.py $out/convis.json $out/npp.json > $out/table.txt 2>&1
timeout 90 ncu --clock-control none --section SpeedOfLight --section Occupancy --section WarpStateStats \
  --section InstructionStats --section LaunchStats -k regex:tensor --launch-count 2 \
  $b/convis_cuda_bench --backends cuda-fast --samples 1 --warmup 0 --json /tmp/n.json > $out/ncu.txt 2>&1; echo "ncu rc=$?" >> $out/log.txt
timeout 60 $b/convis_tests -tc='cuda plan*,cuda-fast mapping*,cuda-fast: separable*' > $out/plan.log 2>&1; echo "plan rc=$?" >> $out/log.txt
tail -3 $out/plan.log >> $out/log.txt
cat $out/table.txt >> $out/log.txt
