#!/bin/bash
# One GPU-machine command for tuning the fast kernels: the GPU correctness suite, cuda-fast
# (packed integer lanes where they apply) and cuda-fast with the float tile, any other
# convis_cuda_bench binaries given (earlier builds, to compare in the same run), NPP, an Nsight
# Compute pass over the fast kernels with the stall reasons, then the table (printed last).
# Usage: gpu_tune.sh BIN_DIR OUT_DIR [OTHER_BENCH:TAG ...]
#   BIN_DIR holds convis_cuda_tests, convis_cuda_bench and convis_npp_peer; each OTHER_BENCH is a
#   convis_cuda_bench binary whose cuda-fast rows appear as "fast-TAG". The PyTorch and CuPy
#   peers are left to gpu_bench.sh.
set -u
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:?binary folder}
out=${2:?output folder}
shift 2
mkdir -p "$out"
# The NPP peer opens libnppif at run time: make sure the loader can find it.
if ! ldconfig -p | grep -q libnppif; then
    npp=$(find / -xdev -name 'libnppif.so*' 2>/dev/null | head -1)
    [ -n "$npp" ] && export LD_LIBRARY_PATH=$(dirname "$npp")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
fi
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm --format=csv > "$out/bench.log"
"$bin/convis_cuda_tests" > "$out/cuda_tests.log" 2>&1
echo "convis_cuda_tests rc=$?" | tee -a "$out/bench.log"
tail -4 "$out/cuda_tests.log"
"$bin/convis_cuda_bench" --backends cuda-fast,cuda-fast-float --json "$out/convis.json" \
    >> "$out/bench.log" 2>&1
jsons="$out/convis.json"
for other in "$@"; do
    tag=${other##*:}
    "${other%:*}" --backends cuda-fast --json "$out/convis_$tag.json" >> "$out/bench.log" 2>&1
    python3 - "$out/convis_$tag.json" "$tag" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for r in d["kernel_only"]:
    r["impl"] = "fast-" + sys.argv[2]
d["end_to_end"] = []
json.dump(d, open(sys.argv[1], "w"), indent=1)
PY
    jsons="$jsons $out/convis_$tag.json"
done
"$bin/convis_npp_peer" --json "$out/npp.json" >> "$out/bench.log" 2>&1
# Counters with the clocks left as found; one launch of each benchmark case; the average number
# of cycles a warp spends in each stall reason per issued instruction.
stalls=""
for r in long_scoreboard short_scoreboard mio_throttle math_pipe_throttle barrier not_selected \
    wait lg_throttle dispatch_stall no_instruction selected branch_resolving; do
    stalls="$stalls${stalls:+,}smsp__average_warps_issue_stalled_${r}_per_issue_active.ratio"
done
timeout 150 ncu --clock-control none --section SpeedOfLight --section Occupancy \
    --section WarpStateStats --section InstructionStats --section ComputeWorkloadAnalysis \
    --metrics "$stalls" -k regex:'lanes|fast' --launch-count 8 \
    "$bin/convis_cuda_bench" --backends cuda-fast --samples 1 --warmup 0 --json /tmp/ncu_bench.json \
    > "$out/ncu.txt" 2>&1
echo "ncu rc=$?" >> "$out/bench.log"
python3 "$here/summarize.py" $jsons "$out/npp.json" | tee "$out/table.txt"
