#!/usr/bin/env bash
# CPU paths of convis against OpenCV on the same images, kernels, border and timing rules:
# runs `convis bench` (cpu-sequential, cpu-parallel) and bench/peers/opencv_peer.py in one go and
# prints a side-by-side table (Mpix/s, ratio to OpenCV, 1 -> N thread scaling, parallel vs
# sequential). Settings come from the environment; the defaults are the published comparison:
#   CONVIS=build/src/app/convis SIZES=1920x1080,3840x2160 KS=3,5,9,15,31 BORDER=clamp
#   THREADS=1,2 WARMUP=3 SAMPLES=30 OUT=build/bench-results/cpu-vs-opencv-<UTC time>
# The sequential reference is slow (seconds per frame at large K), so it runs on SEQ_SIZES and
# SEQ_KS with SEQ_WARMUP/SEQ_SAMPLES (default 1920x1080, 3,5,9,15,31, 1 and 3).
# Runs one (size, K) at a time, convis then OpenCV, so both sides of a row are measured close
# together in time. Example, a quick look: SIZES=1920x1080 KS=3,9 SAMPLES=10 SEQ_KS=3 bench/cpu_vs_opencv.sh
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
CONVIS=${CONVIS:-$root/build/src/app/convis}
SIZES=${SIZES:-1920x1080,3840x2160}
KS=${KS:-3,5,9,15,31}
BORDER=${BORDER:-clamp}
THREADS=${THREADS:-1,2}
WARMUP=${WARMUP:-3}
SAMPLES=${SAMPLES:-30}
SEQ_SIZES=${SEQ_SIZES:-1920x1080}
SEQ_KS=${SEQ_KS:-$KS}
SEQ_WARMUP=${SEQ_WARMUP:-1}
SEQ_SAMPLES=${SEQ_SAMPLES:-3}
OUT=${OUT:-$root/build/bench-results/cpu-vs-opencv-$(date -u +%Y%m%dT%H%M%SZ)}
PYTHON=${PYTHON:-/usr/bin/python3}  # Debian's python3-opencv lives with the system Python

if [[ ! -x "$CONVIS" ]]; then
    echo "cpu_vs_opencv: no convis binary at $CONVIS (build it, or set CONVIS=...)" >&2
    exit 2
fi
if ! "$PYTHON" -c "import cv2" 2>/dev/null; then
    echo "cpu_vs_opencv: $PYTHON cannot import cv2 (apt-get install python3-opencv)" >&2
    exit 2
fi
mkdir -p "$OUT"
echo "results in $OUT" >&2

# One (size, K) at a time, convis then OpenCV, so that both sides of each row of the table are
# measured close together in time (on a shared machine the load changes from minute to minute).
IFS=, read -r -a size_list <<< "$SIZES"
IFS=, read -r -a k_list <<< "$KS"
IFS=, read -r -a seq_size_list <<< "$SEQ_SIZES"
IFS=, read -r -a seq_k_list <<< "$SEQ_KS"
files=()
for size in "${size_list[@]}"; do
    for k in "${k_list[@]}"; do
        tag="$size-k$k"
        "$CONVIS" bench --backend cpu-parallel --size "$size" --k "$k" --border "$BORDER" \
            --float-dense --threads "$THREADS" --warmup "$WARMUP" --samples "$SAMPLES" \
            --json "$OUT/convis-parallel-$tag.json" --csv "$OUT/convis-parallel-$tag.csv" \
            >> "$OUT/convis-parallel.txt"
        "$PYTHON" "$here/peers/opencv_peer.py" --size "$size" --k "$k" --border "$BORDER" \
            --float-dense --threads "$THREADS" --warmup "$WARMUP" --samples "$SAMPLES" \
            --json "$OUT/opencv-$tag.json" >> "$OUT/opencv.txt"
        files+=("$OUT/convis-parallel-$tag.json" "$OUT/opencv-$tag.json")
        if [[ " ${seq_size_list[*]} " == *" $size "* && " ${seq_k_list[*]} " == *" $k "* ]]; then
            "$CONVIS" bench --backend cpu-sequential --size "$size" --k "$k" --border "$BORDER" \
                --float-dense --warmup "$SEQ_WARMUP" --samples "$SEQ_SAMPLES" \
                --json "$OUT/convis-sequential-$tag.json" \
                --csv "$OUT/convis-sequential-$tag.csv" >> "$OUT/convis-sequential.txt"
            files+=("$OUT/convis-sequential-$tag.json")
        fi
    done
done

"$PYTHON" "$here/compare_cpu_opencv.py" "${files[@]}" | tee "$OUT/comparison.txt"
