#!/usr/bin/env bash
# Sets up and builds convis with its tests (scripts/setup.sh), then runs the whole suite through
# CTest. Exits non-zero when any test fails; the last lines are CTest's summary.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
cd "$root/build"
exec ctest --output-on-failure -j"$(nproc)"
