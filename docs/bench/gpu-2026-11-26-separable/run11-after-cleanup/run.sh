#!/bin/bash
# GPU-machine command: the suite, the plan tests with the device, cuda-fast beside the lane tile
# (cuda-fast-tile) and NPP, Nsight Compute on the two streaming launches (dense3, dense5).
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
timeout 170 /tmp/b/convis_cuda_tests > "$out/cuda_tests.log" 2>&1
echo "convis_cuda_tests rc=$?" | tee -a "$log"
tail -3 "$out/cuda_tests.log"
timeout 90 /tmp/b/convis_tests -tc='cuda*' > "$out/plan_tests.log" 2>&1
echo "convis_tests cuda* rc=$?" | tee -a "$log"
timeout 150 /tmp/b/convis_cuda_bench --backends cuda-fast,cuda-fast-tile --json "$out/convis.json" >> "$log" 2>&1
echo "bench rc=$?" >> "$log"
timeout 40 /tmp/b/convis_npp_peer --json "$out/npp.json" >> "$log" 2>&1
python3 "$kit/summarize.py" "$out/convis.json" "$out/npp.json" > "$out/table.txt"
timeout 90 ncu --clock-control none --section SpeedOfLight --section Occupancy \
    --section WarpStateStats --section LaunchStats --section InstructionStats -k regex:Separable --launch-count 2 \
    /tmp/b/convis_cuda_bench --backends cuda-fast --samples 1 --warmup 0 --json /tmp/ncu_bench.json \
    > "$out/ncu.txt" 2>&1
echo "ncu rc=$?" >> "$log"
date -u >> "$log"
tar -C "$out" -cJf "$final/results.tar.xz" .
cp "$out/table.txt" "$final/"
cat "$out/table.txt"
