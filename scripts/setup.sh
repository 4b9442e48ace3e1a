#!/usr/bin/env bash
# Installs the Debian packages from scripts/packages.txt that are missing (checked with dpkg-query
# first, so a ready machine costs no apt-get), then configures and builds Release in build/.
# Usage: scripts/setup.sh [cmake targets...]   (no targets: build everything)
# Extra configure flags: CONVIS_CMAKE_ARGS="-DCONVIS_WITH_GUI=OFF" scripts/setup.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

mapfile -t wanted < <(sed 's/#.*//' scripts/packages.txt | tr -s ' \t' '\n' | sed '/^$/d')
missing=()
for package in "${wanted[@]}"; do
    status="$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)"
    if [[ "$status" != "install ok installed" ]]; then
        missing+=("$package")
    fi
done
if ((${#missing[@]} > 0)); then
    echo "setup: installing ${missing[*]}"
    sudo=()
    if [[ "$(id -u)" -ne 0 ]]; then
        sudo=(sudo)
    fi
    "${sudo[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends \
        "${missing[@]}"
fi

# The export tests switch to a decimal-comma locale; without it they check less (and say so).
if ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$' && [[ -f /etc/locale.gen ]]; then
    sudo=()
    if [[ "$(id -u)" -ne 0 ]]; then
        sudo=(sudo)
    fi
    "${sudo[@]}" sed -i 's/^# *de_DE.UTF-8 UTF-8/de_DE.UTF-8 UTF-8/' /etc/locale.gen
    "${sudo[@]}" locale-gen
fi

# Configure once; later runs only build what changed.
if [[ ! -f build/build.ninja ]]; then
    # shellcheck disable=SC2086  # CONVIS_CMAKE_ARGS is a list of flags
    cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release ${CONVIS_CMAKE_ARGS:-}
fi
targets=()
for target in "$@"; do
    targets+=(--target "$target")
done
cmake --build build -j"$(nproc)" "${targets[@]}"
