#!/bin/bash
set -u
out=${1:?out}
kit=$(cd "$(dirname "$0")" && pwd)
b=/tmp/b; mkdir -p $b; tar xJf "$kit/bins.tar.xz" -C $b
if ! ldconfig -p | grep -q libnppif; then
    npp=$(find / -xdev -name 'libnppif.so*' 2>/dev/null | head -1)
    [ -n "$npp" ] && export LD_LIBRARY_PATH=$(dirname "$npp")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
fi
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm --format=csv > $out/log.txt
timeout 150 $b/convis_cuda_bench --backends cuda-fast,cuda-fast-fp32 --json $out/convis.json > $out/bench.log 2>&1; echo "bench rc=$?" >> $out/log.txt
timeout 60 $b/convis_npp_peer --json $out/npp.json >> $out/bench.log 2>&1; echo "npp rc=$?" >> $out/log.txt
python3 bench/summarize.py $out/convis.json $out/npp.json > $out/table.txt 2>&1
cat $out/table.txt >> $out/log.txt
timeout 300 $b/convis_cuda_tests -tc='cuda-fast: the benchmark*,cuda-fast: signed*,cuda: every variant*,cuda-fast: rank-1*' > $out/tests.log 2>&1; echo "tests rc=$?" >> $out/log.txt
tail -3 $out/tests.log >> $out/log.txt
grep -m12 "logged" $out/tests.log >> $out/log.txt
timeout 60 $b/convis_tests -tc='cuda plan*,cuda-fast mapping*,cuda-fast: separable*' > $out/plan.log 2>&1; echo "plan rc=$?" >> $out/log.txt
tail -2 $out/plan.log >> $out/log.txt
