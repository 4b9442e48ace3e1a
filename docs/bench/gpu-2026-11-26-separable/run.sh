#!/bin/bash
# GPU-machine command for the strip-walking separable kernel: the GPU suite, cuda-fast (new
# build) beside the previous build's cuda-fast, NPP, the table, then Nsight Compute on the two
# separable benchmark launches. Usage: run.sh OUT_DIR
set -u
kit=$(cd "$(dirname "$0")" && pwd)
final=${1:?output folder}
out=/tmp/results
mkdir -p "$out" /tmp/b "$final"
for f in "$kit"/*.xz; do xz -dc "$f" > /tmp/b/$(basename "$f" .xz); done
chmod +x /tmp/b/*
if ! ldconfig -p | grep -q libnppif; then
    npp=$(find / -xdev -name 'libnppif.so*' 2>/dev/null | head -1)
    [ -n "$npp" ] && export LD_LIBRARY_PATH=$(dirname "$npp")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
fi
log=$out/bench.log
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm --format=csv > "$log"
date -u >> "$log"
start=$(date +%s)
timeout 170 /tmp/b/convis_cuda_tests > "$out/cuda_tests.log" 2>&1
echo "convis_cuda_tests rc=$? in $(( $(date +%s) - start )) s" | tee -a "$log"
tail -3 "$out/cuda_tests.log"
timeout 60 /tmp/b/convis_tests -tc='cuda-fast*' > "$out/plan_tests.log" 2>&1
echo "convis_tests cuda-fast* (plans with the device present) rc=$?" | tee -a "$log"
tail -2 "$out/plan_tests.log"

timeout 90 /tmp/b/convis_cuda_bench --backends cuda-fast --json "$out/convis.json" >> "$log" 2>&1
echo "bench rc=$?" >> "$log"
timeout 90 /tmp/b/convis_cuda_bench_before --backends cuda-fast --json "$out/before.json" >> "$log" 2>&1
echo "bench before rc=$?" >> "$log"
for tag in before; do
python3 - "$out/$tag.json" "$tag" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["kernel_only"] = [r for r in d["kernel_only"] if r["case"].startswith("separable") or sys.argv[2] == "before"]
for r in d["kernel_only"]:
    r["impl"] = "fast-" + sys.argv[2]
d["end_to_end"] = []
json.dump(d, open(sys.argv[1], "w"), indent=1)
PY
done
timeout 40 /tmp/b/convis_npp_peer --json "$out/npp.json" >> "$log" 2>&1
echo "npp rc=$?" >> "$log"
python3 "$kit/summarize.py" "$out/convis.json" "$out/before.json" "$out/npp.json" > "$out/table.txt"
stalls=""
for r in long_scoreboard short_scoreboard mio_throttle math_pipe_throttle barrier not_selected wait lg_throttle dispatch_stall no_instruction selected branch_resolving; do
    stalls="$stalls${stalls:+,}smsp__average_warps_issue_stalled_${r}_per_issue_active.ratio"
done
for parts in 1; do
timeout 100 ncu --clock-control none --section SpeedOfLight --section Occupancy \
    --section WarpStateStats --section InstructionStats --section ComputeWorkloadAnalysis \
    --section SourceCounters --metrics "$stalls" -k regex:Separable --launch-count 2 \
    -o /tmp/rep$parts /tmp/b/convis_cuda_bench --backends cuda-fast --samples 1 --warmup 0 --json /tmp/ncu_bench.json \
    > /dev/null 2>&1
echo "ncu parts $parts rc=$?" >> "$log"
ncu -i /tmp/rep$parts.ncu-rep > "$out/ncu$parts.txt" 2>&1
ncu -i /tmp/rep$parts.ncu-rep --page source --csv --print-source sass 2> "$out/sass_err$parts.txt" | xz -6 > "$final/sass$parts.csv.xz"
done
date -u >> "$log"
tar -C "$out" -cJf "$final/results.tar.xz" .
cp "$out/table.txt" "$final/"
cat "$out/table.txt"
