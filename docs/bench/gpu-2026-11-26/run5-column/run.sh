#!/bin/bash
# GPU-machine command for the column-walking lanes kernel: the GPU suite, cuda-fast (column
# kernel, 6 blocks per SM), its 5-block budget, the per-tile kernel, the float tile and the column
# kernel with 8 and 4 tiles per block, NPP, the table, then Nsight Compute on the first lanes launches.
# Usage: run.sh OUT_DIR
set -u
kit=$(cd "$(dirname "$0")/.." && pwd)
bin=$kit/bin
out=${1:?output folder}
mkdir -p "$out"
if ! ldconfig -p | grep -q libnppif; then
    npp=$(find / -xdev -name 'libnppif.so*' 2>/dev/null | head -1)
    [ -n "$npp" ] && export LD_LIBRARY_PATH=$(dirname "$npp")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
fi
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm --format=csv > "$out/bench.log"
date -u >> "$out/bench.log"
start=$(date +%s)
timeout 140 "$bin/convis_cuda_tests" > "$out/cuda_tests.log" 2>&1
echo "convis_cuda_tests rc=$? in $(( $(date +%s) - start )) s" | tee -a "$out/bench.log"
tail -3 "$out/cuda_tests.log"
start=$(date +%s)
timeout 90 "$bin/convis_cuda_bench" \
    --backends cuda-fast,cuda-fast-col5,cuda-fast-tile,cuda-fast-float,cuda-fast-steps8,cuda-fast-steps4 \
    --json "$out/convis.json" >> "$out/bench.log" 2>&1
echo "convis_cuda_bench rc=$? in $(( $(date +%s) - start )) s" | tee -a "$out/bench.log"
timeout 40 "$bin/convis_npp_peer" --json "$out/npp.json" >> "$out/bench.log" 2>&1
echo "convis_npp_peer rc=$?" >> "$out/bench.log"
python3 "$kit/gpufast/summarize.py" "$out/convis.json" "$out/npp.json" > "$out/table.txt"
stalls=""
for r in long_scoreboard short_scoreboard mio_throttle math_pipe_throttle barrier not_selected wait lg_throttle dispatch_stall no_instruction selected branch_resolving; do
    stalls="$stalls${stalls:+,}smsp__average_warps_issue_stalled_${r}_per_issue_active.ratio"
done
timeout 70 ncu --clock-control none --section SpeedOfLight --section Occupancy \
    --section WarpStateStats --section InstructionStats --section ComputeWorkloadAnalysis \
    --metrics "$stalls" -k regex:lanes --launch-count 3 \
    "$bin/convis_cuda_bench" --backends cuda-fast --samples 1 --warmup 0 --json /tmp/ncu_bench.json \
    > "$out/ncu.txt" 2>&1
echo "ncu rc=$?" >> "$out/bench.log"
date -u >> "$out/bench.log"
cat "$out/table.txt"
