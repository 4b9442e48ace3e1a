#!/bin/bash
# One GPU-machine command for tuning the fast kernels: the GPU correctness suite, cuda-fast and
# NPP timings, an Nsight Compute pass over the fast kernels, then the table (printed last).
# Usage: gpu_tune.sh BIN_DIR OUT_DIR   (BIN_DIR holds convis_cuda_tests, convis_cuda_bench and
# convis_npp_peer; the PyTorch and CuPy peers are left to gpu_bench.sh)
set -u
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:?binary folder}
out=${2:?output folder}
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
"$bin/convis_cuda_bench" --backends cuda-fast --json "$out/convis.json" >> "$out/bench.log" 2>&1
"$bin/convis_npp_peer" --json "$out/npp.json" >> "$out/bench.log" 2>&1
# Counters with the clocks left as found; one launch of each benchmark case.
timeout 150 ncu --clock-control none --section SpeedOfLight --section Occupancy \
    --section WarpStateStats --section InstructionStats -k regex:fast --launch-count 8 \
    "$bin/convis_cuda_bench" --backends cuda-fast --samples 1 --warmup 0 --json /tmp/ncu_bench.json \
    > "$out/ncu.txt" 2>&1
echo "ncu rc=$?" >> "$out/bench.log"
python3 "$here/summarize.py" "$out/convis.json" "$out/npp.json" | tee "$out/table.txt"
