#!/bin/bash
# The streaming lane kernel with staged rows against the previous build (HEAD before it) in one
# command, the whole CUDA suite, the full benchmark beside NPP.
set -u
out=${1:?out}
kit=$(cd "$(dirname "$0")" && pwd)
b=/tmp/b; mkdir -p $b; tar xJf "$kit/bins.tar.xz" -C $b
if ! ldconfig -p | grep -q libnppif; then
    npp=$(find / -xdev -name 'libnppif.so*' 2>/dev/null | head -1)
    [ -n "$npp" ] && export LD_LIBRARY_PATH=$(dirname "$npp")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
fi
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm --format=csv > $out/log.txt
timeout 60 $b/convis_cuda_bench_old --backends cuda-fast,cuda-fast-tile --dense 3 --separable '' --json $out/old.json > $out/bench_old.log 2>&1
grep dense $out/bench_old.log | awk '{print "before", $1, $2, $9, $10}' >> $out/log.txt
timeout 150 $b/convis_cuda_bench --backends cuda-fast,cuda-fast-fp32,cuda-fast-tile --json $out/convis.json > $out/bench.log 2>&1; echo "bench rc=$?" >> $out/log.txt
timeout 60 $b/convis_npp_peer --json $out/npp.json >> $out/bench.log 2>&1; echo "npp rc=$?" >> $out/log.txt
python3 bench/summarize.py $out/convis.json $out/npp.json > $out/table.txt 2>&1
cat $out/table.txt >> $out/log.txt
timeout 300 $b/convis_cuda_tests > $out/tests.log 2>&1; echo "suite rc=$?" >> $out/log.txt
tail -3 $out/tests.log >> $out/log.txt
grep -m12 "logged\|ERROR" $out/tests.log >> $out/log.txt
