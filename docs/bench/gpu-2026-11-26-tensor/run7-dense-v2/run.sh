#!/bin/bash
set -u
out=${1:?out}
kit=$(cd "$(dirname "$0")" && pwd)
b=/tmp/b; mkdir -p $b; tar xJf "$kit/bins.tar.xz" -C $b
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm --format=csv > $out/log.txt
timeout 100 $b/convis_cuda_bench --backends cuda-fast,cuda-fast-fp32 --dense 3,5,7 --separable '' --json $out/dense.json > $out/bench.log 2>&1; echo "bench rc=$?" >> $out/log.txt
timeout 60 $b/convis_cuda_bench_b6 --backends cuda-fast --dense 5 --separable '' --json $out/dense_b6.json >> $out/bench.log 2>&1; echo "bench6 rc=$?" >> $out/log.txt
grep -E "dense" $out/bench.log | awk '{print $1, $2, $9, $10}' >> $out/log.txt
timeout 300 $b/convis_cuda_tests -tc='cuda-fast: the benchmark*,cuda-fast: signed*,cuda: every variant*' > $out/tests.log 2>&1; echo "tests rc=$?" >> $out/log.txt
tail -3 $out/tests.log >> $out/log.txt
grep -m12 "logged" $out/tests.log >> $out/log.txt
timeout 60 $b/convis_tests -tc='cuda plan*,cuda-fast mapping*' > $out/plan.log 2>&1; echo "plan rc=$?" >> $out/log.txt
tail -2 $out/plan.log >> $out/log.txt
