#!/bin/bash
set -u
out=${1:?out}
kit=$(cd "$(dirname "$0")" && pwd)
b=/tmp/b; mkdir -p $b; tar xJf "$kit/bins.tar.xz" -C $b
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm --format=csv > $out/log.txt
for v in s5 s4; do
  timeout 60 $b/bench_$v --backends cuda-fast,cuda-fast-tile --dense 3,5 --separable '' --json $out/$v.json > $out/bench_$v.log 2>&1; echo "bench $v rc=$?" >> $out/log.txt
  grep dense $out/bench_$v.log | awk -v v=$v '{print v, $1, $2, $9, $10}' >> $out/log.txt
done
timeout 300 $b/convis_cuda_tests -tc='cuda-fast: streaming*,cuda-fast: the streaming*,cuda-fast: the benchmark*,cuda-fast: signed*,cuda: every variant*,cuda-fast: lanes at*' > $out/tests.log 2>&1; echo "tests rc=$?" >> $out/log.txt
tail -3 $out/tests.log >> $out/log.txt
grep -m12 "logged\|ERROR" $out/tests.log >> $out/log.txt
