#!/bin/bash
# Runs convis' CUDA benchmark and every peer (NPP, cuDNN via PyTorch, CuPy) on one machine in one
# go, writes the JSON files and a log to OUT, and prints the combined table last.
# Usage: gpu_bench.sh BIN_DIR OUT_DIR   (BIN_DIR holds convis_cuda_bench and convis_npp_peer)
set -u
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:?binary folder}
out=${2:?output folder}
mkdir -p "$out"
log="$out/bench.log"
export PYTHONUNBUFFERED=1
# The NPP peer opens libnppif at run time: make sure the loader can find it.
if ! ldconfig -p | grep -q libnppif; then
    npp=$(find / -xdev -name 'libnppif.so*' 2>/dev/null | head -1)
    [ -n "$npp" ] && export LD_LIBRARY_PATH=$(dirname "$npp")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
fi
"$bin/convis_cuda_bench" --json "$out/convis.json" 2>&1 | tee -a "$log"
"$bin/convis_npp_peer" --json "$out/npp.json" 2>&1 | tee -a "$log"
(cd "$here/peers" && timeout 150 python3 torch_peer.py --json "$out/torch.json") 2>&1 | tee -a "$log"
(cd "$here/peers" && timeout 150 python3 cupy_peer.py --json "$out/cupy.json") 2>&1 | tee -a "$log"
python3 "$here/summarize.py" "$out/convis.json" "$out/npp.json" "$out/torch.json" \
    "$out/cupy.json" | tee "$out/table.txt"
