#!/bin/bash
# Final GPU-machine command for the merged tree: the GPU checks (suite, EGL interop, measured
# replay), the plan tests with the device present, cuda-fast beside the lane tile and NPP, a CLI
# bench through the backend, Nsight Compute on the new kernels. Usage: run.sh OUT_DIR
set -u
kit=$(cd "$(dirname "$0")" && pwd)
final=${1:?output folder}
out=/tmp/results
mkdir -p "$out" /tmp/b "$final"
tar -C /tmp/b -xJf "$kit/bins.tar.xz"
for f in /tmp/b/s_*; do mv "$f" "/tmp/b/${f##*/s_}"; done
chmod +x /tmp/b/*
if ! ldconfig -p | grep -q libnppif; then
    npp=$(find / -xdev -name 'libnppif.so*' 2>/dev/null | head -1)
    [ -n "$npp" ] && export LD_LIBRARY_PATH=$(dirname "$npp")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
fi
log=$out/bench.log
date -u > "$log"
bash scripts/gpu_checks.sh /tmp/b "$out/checks" quick
cat "$out/checks/logs-quick/summary.txt" >> "$log" 2>/dev/null
timeout 90 /tmp/b/convis_tests -tc='cuda*' > "$out/plan_tests.log" 2>&1
echo "convis_tests cuda* rc=$?" | tee -a "$log"
timeout 150 /tmp/b/convis_cuda_bench --backends cuda-fast,cuda-fast-tile --json "$out/convis.json" >> "$log" 2>&1
echo "bench rc=$?" >> "$log"
timeout 40 /tmp/b/convis_npp_peer --json "$out/npp.json" >> "$log" 2>&1
echo "npp rc=$?" >> "$log"
python3 "$kit/summarize.py" "$out/convis.json" "$out/npp.json" > "$out/table.txt"
timeout 60 /tmp/b/convis bench --backend cuda-fast --size 7680x4320 --k 3,9 --samples 30 \
    --json "$out/cli_bench.json" > "$out/cli_bench.txt" 2>&1
echo "convis bench rc=$?" >> "$log"
timeout 90 ncu --clock-control none --section SpeedOfLight --section Occupancy \
    --section WarpStateStats --section LaunchStats -k regex:'Separable|Stream' --launch-count 3 \
    /tmp/b/convis_cuda_bench --backends cuda-fast --samples 1 --warmup 0 --json /tmp/ncu_bench.json \
    > "$out/ncu.txt" 2>&1
echo "ncu rc=$?" >> "$log"
date -u >> "$log"
tar -C "$out" -cJf "$final/results.tar.xz" .
cp "$out/table.txt" "$final/"
true
tail -3 "$out/plan_tests.log"
cat "$out/cli_bench.txt" | tail -8
cat "$out/table.txt"
