#!/usr/bin/env bash
# Remakes the screenshots in docs/images that this machine can take (Mesa under Xvfb; the H200
# ones come from scripts/gpu_checks.sh). Look at every picture before committing it.
#   scripts/docs_screenshots.sh [CONVIS] [OUT]   (defaults: build/src/app/convis, docs/images)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
convis=${1:-$root/build/src/app/convis}
out=${2:-$root/docs/images}
home=$(mktemp -d)  # default settings, and the user's own stay untouched
trap 'rm -rf "$home"' EXIT
mkdir -p "$out"

shot() {  # shot NAME SIZE ARGS...
    local name=$1 size=$2
    shift 2
    HOME="$home" xvfb-run -a -s '-screen 0 1920x1200x24' "$convis" --screenshot "$out/$name.png" \
        --size "$size" --frames 20 "$@"
}

shot gui-input 1600x900 --view input
shot gui-output 1600x900 --view output
shot gui-side-by-side 1600x900 --view side
shot gui-split 1600x900 --view split --split 0.5
shot gui-zoom-grid 1600x900 --view side --zoom 16
shot gui-sobel-signed 1600x900 --view side --kernel sobel-x --signed-colours on
shot gui-inspector 1920x1200 --view side --zoom 40 --inspect 0,1
shot gui-animation 1920x1080 --tab animation --anim-mode gpu-waves --anim-time 0.45 \
    --anim-region 180,120,48,48 --anim-prove-order
shot gui-timing 1600x1000 --tab timing --image pattern:zoneplate:256x256 --runs 8
shot gui-sweep 1600x1000 --tab sweep --sweep-to 1024
shot gui-device 1600x1000 --tab device
