#!/bin/bash
set -u
out=${1:?out}
kit=$(cd "$(dirname "$0")" && pwd)
b=/tmp/b; mkdir -p $b; tar xJf "$kit/bins.tar.xz" -C $b
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm --format=csv > $out/log.txt
timeout 200 $b/convis_cuda_tests -tc='cuda-fast: rank-1*' > $out/rank1.log 2>&1; echo "rank1 rc=$?" >> $out/log.txt
tail -3 $out/rank1.log >> $out/log.txt
grep -m12 "logged" $out/rank1.log >> $out/log.txt
timeout 60 $b/convis_cuda_bench --backends cuda-fast,cuda-fast-fp32 --json $out/convis.json > $out/bench.log 2>&1; echo "bench rc=$?" >> $out/log.txt
grep -E "separable" $out/bench.log >> $out/log.txt
cuobjdump -sass -fun '_ZN6convis6device21tensorSeparableKernelILi1ELb1EEEvNS_10ConvParamsENS_13SeparableTapsEiPKhNS0_11GlobalStoreE' $b/convis_cuda_bench > $out/sass1.txt 2>&1; echo "sass rc=$?" >> $out/log.txt
timeout 120 ncu --clock-control none --section SourceCounters --section WarpStateStats -k regex:tensor --launch-count 1 -o /tmp/rep \
  $b/convis_cuda_bench --backends cuda-fast --samples 1 --warmup 0 --json /tmp/n.json > $out/ncu.txt 2>&1; echo "ncu rc=$?" >> $out/log.txt
ncu -i /tmp/rep.ncu-rep --page source --csv --print-source sass > $out/src.csv 2>&1; echo "src rc=$?" >> $out/log.txt
ls -la $out >> $out/log.txt
