#!/bin/bash
# GPU-machine command, fourth run of the register-streaming lane kernel (the final build): the
# GPU suite, cuda-fast (streaming kernel up to 3x3) beside the lane tile and the float tile, NPP,
# the table.
# Usage: run4.sh OUT_DIR
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?output folder}
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
timeout 60 /tmp/convis_cuda_bench --backends cuda-fast,cuda-fast-tile,cuda-fast-float \
    --json "$out/convis.json" >> "$out/bench.log" 2>&1
echo "convis_cuda_bench rc=$? in $(( $(date +%s) - start )) s" | tee -a "$out/bench.log"
timeout 30 /tmp/convis_npp_peer --json "$out/npp.json" >> "$out/bench.log" 2>&1
echo "convis_npp_peer rc=$?" >> "$out/bench.log"
python3 "$here/summarize.py" "$out/convis.json" "$out/npp.json" > "$out/table.txt"
date -u >> "$out/bench.log"
cat "$out/table.txt"
