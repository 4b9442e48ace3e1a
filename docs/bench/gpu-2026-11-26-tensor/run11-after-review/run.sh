#!/bin/bash
# After the review clean-up: the whole CUDA suite, the plan and mapping tests with the device,
# the streaming and separable benchmark cases.
set -u
out=${1:?out}
kit=$(cd "$(dirname "$0")" && pwd)
b=/tmp/b; mkdir -p $b; tar xJf "$kit/bins.tar.xz" -C $b
timeout 300 $b/convis_cuda_tests > $out/tests.log 2>&1; echo "suite rc=$?" > $out/log.txt
tail -3 $out/tests.log >> $out/log.txt
timeout 60 $b/convis_tests -tc='cuda plan*,cuda-fast mapping*,cuda-fast: separable*' > $out/plan.log 2>&1; echo "plan rc=$?" >> $out/log.txt
tail -2 $out/plan.log >> $out/log.txt
timeout 60 $b/convis_cuda_bench --backends cuda-fast,cuda-fast-fp32 --dense 3 --separable 9,31 --json $out/bench.json > $out/bench.log 2>&1; echo "bench rc=$?" >> $out/log.txt
grep -E "dense|separable" $out/bench.log | awk '{print $1, $2, $9, $10}' >> $out/log.txt
