#!/usr/bin/env bash
# Sets up and builds convis (scripts/setup.sh), then opens the desktop application on the default
# bundled image. Without a display it filters the default image headlessly instead and says so.
# Arguments, if any, are passed to `convis` (e.g. `apply --kernel box9`, `info`, `bench`).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh" convis
convis="$root/build/src/app/convis"
if (($# > 0)); then
    exec "$convis" "$@"
fi
if [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
    exec "$convis"
fi
mkdir -p "$root/output"
out="$root/output/astronaut-sobel-x.png"
echo "run: no display (DISPLAY is unset), so filtering the default image headlessly instead"
"$convis" apply --input bundled:astronaut --kernel sobel-x --output "$out"
echo "Filtered image: $out"
