#!/bin/bash
# GPU-machine command, third run of the register-streaming lane kernel: the GPU suite, cuda-fast
# (streaming kernel) beside the lane tile, a bench build whose 5x5 streaming kernel is held to 3
# blocks per SM (168 registers) instead of 4 (tagged fast-k5b3), NPP, the table.
# Usage: run3.sh OUT_DIR
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?output folder}
mkdir -p "$out"
xz -dc "$here/bins.tar.xz" | tar xf - -C /tmp   # convis_cuda_tests, convis_cuda_bench, _k5b3
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
timeout 60 /tmp/convis_cuda_bench --backends cuda-fast,cuda-fast-tile,cuda-fast-float \
    --json "$out/convis.json" >> "$out/bench.log" 2>&1
echo "convis_cuda_bench rc=$? in $(( $(date +%s) - start )) s" | tee -a "$out/bench.log"
timeout 40 /tmp/convis_cuda_bench_k5b3 --backends cuda-fast --json "$out/convis_k5b3.json" >> "$out/bench.log" 2>&1
echo "convis_cuda_bench_k5b3 rc=$?" >> "$out/bench.log"
python3 - "$out/convis_k5b3.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for r in d["kernel_only"]:
    r["impl"] = "fast-k5b3"
d["end_to_end"] = []
json.dump(d, open(sys.argv[1], "w"))
PY
timeout 30 /tmp/convis_npp_peer --json "$out/npp.json" >> "$out/bench.log" 2>&1
echo "convis_npp_peer rc=$?" >> "$out/bench.log"
python3 "$here/summarize.py" "$out/convis.json" "$out/convis_k5b3.json" "$out/npp.json" > "$out/table.txt"
date -u >> "$out/bench.log"
cat "$out/table.txt"
