#!/bin/bash
set -u
out=${1:?out}
kit=$(cd "$(dirname "$0")" && pwd)
b=/tmp/b; mkdir -p $b; tar xJf "$kit/bins.tar.xz" -C $b
timeout 200 $b/convis_cuda_tests -tc='cuda-fast: rank-1*,cuda-fast: float kernels*' > $out/tests.log 2>&1; echo "tests rc=$?" > $out/log.txt
tail -3 $out/tests.log >> $out/log.txt
timeout 60 $b/convis_cuda_bench --backends cuda-fast,cuda-fast-fp32 --dense '' --separable 9,31 --json $out/sep.json > $out/bench.log 2>&1; echo "bench rc=$?" >> $out/log.txt
grep separable $out/bench.log | awk '{print $1, $2, $9, $10}' >> $out/log.txt
