#!/bin/bash
# GPU-machine command for the register-streaming lane kernel: the GPU suite, cuda-fast (streaming,
# 32-row strips), 64-row strips, the lane tile, NPP, the table, then Nsight Compute on the first
# three streaming launches (dense 3, 5, 7).
# Usage: run.sh OUT_DIR [NCU(yes|no)]
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?output folder}
ncu=${2:-yes}
mkdir -p "$out"
xz -dc "$here/bins.tar.xz" | tar xf - -C /tmp   # convis_cuda_tests, convis_cuda_bench
cp "$here/convis_npp_peer" /tmp/convis_npp_peer && chmod +x /tmp/convis_npp_peer
if ! ldconfig -p | grep -q libnppif; then
    npp=$(find / -xdev -name 'libnppif.so*' 2>/dev/null | head -1)
    [ -n "$npp" ] && export LD_LIBRARY_PATH=$(dirname "$npp")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
fi
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm --format=csv > "$out/bench.log"
date -u >> "$out/bench.log"
start=$(date +%s)
timeout 130 /tmp/convis_cuda_tests > "$out/cuda_tests.log" 2>&1
echo "convis_cuda_tests rc=$? in $(( $(date +%s) - start )) s" | tee -a "$out/bench.log"
tail -3 "$out/cuda_tests.log"
start=$(date +%s)
timeout 80 /tmp/convis_cuda_bench --backends cuda-fast,cuda-fast-s32,cuda-fast-s64,cuda-fast-tile \
    --json "$out/convis.json" >> "$out/bench.log" 2>&1
echo "convis_cuda_bench rc=$? in $(( $(date +%s) - start )) s" | tee -a "$out/bench.log"
timeout 30 /tmp/convis_npp_peer --json "$out/npp.json" >> "$out/bench.log" 2>&1
echo "convis_npp_peer rc=$?" >> "$out/bench.log"
python3 "$here/summarize.py" "$out/convis.json" "$out/npp.json" > "$out/table.txt"
if [ "$ncu" = yes ]; then
    stalls=""
    for r in long_scoreboard short_scoreboard mio_throttle math_pipe_throttle barrier not_selected wait lg_throttle dispatch_stall no_instruction selected branch_resolving; do
        stalls="$stalls${stalls:+,}smsp__average_warps_issue_stalled_${r}_per_issue_active.ratio"
    done
    timeout 50 ncu --clock-control none --section SpeedOfLight --section Occupancy \
        --section WarpStateStats --section InstructionStats --section ComputeWorkloadAnalysis \
        --metrics "$stalls" -k regex:lanesStream --launch-count 3 \
        /tmp/convis_cuda_bench --backends cuda-fast --samples 1 --warmup 0 --json /tmp/ncu_bench.json \
        > "$out/ncu.txt" 2>&1
    echo "ncu rc=$?" >> "$out/bench.log"
fi
date -u >> "$out/bench.log"
cat "$out/table.txt"
