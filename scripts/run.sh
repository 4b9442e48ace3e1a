#!/usr/bin/env bash
# Sets up and builds convis (scripts/setup.sh), then runs the main job: the default bundled
# image through a filter, written as PNG to output/. Arguments, if any, replace the apply options.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh" convis
mkdir -p "$root/output"
if (($# > 0)); then
    exec "$root/build/src/app/convis" apply "$@"
fi
out="$root/output/astronaut-sobel-x.png"
"$root/build/src/app/convis" apply --input bundled:astronaut --kernel sobel-x --output "$out"
echo "Filtered image: $out"
