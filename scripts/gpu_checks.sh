#!/usr/bin/env bash
# Every check that needs an NVIDIA GPU, in one go, for a machine that has one: the CUDA suite,
# the CUDA-GL interop check (headless EGL, GLX on the NVIDIA driver, and the Mesa fallback), the
# desktop application with interop on and with the fallback badge, and the GPU parts of the
# animation and the sweep. Logs go to OUT/logs.tar.gz, pictures and data next to it.
#
#   scripts/gpu_checks.sh BIN OUT
#
# BIN holds convis, convis_cuda_tests and convis_interop_check. CONVIS_DISPLAY_WRAPPER is a
# command prefix that runs a program under an X display whose GLX is the NVIDIA driver's (for
# example a script starting Xvfb with __GLX_VENDOR_LIBRARY_NAME=nvidia); the Mesa runs unset
# __GLX_VENDOR_LIBRARY_NAME inside it. Exits non-zero when a check fails; the rest still run.
set -uo pipefail
bin=${1:?usage: gpu_checks.sh BIN OUT}
out=${2:?usage: gpu_checks.sh BIN OUT}
read -r -a wrap <<<"${CONVIS_DISPLAY_WRAPPER:-}"
logs="$out/logs"
mkdir -p "$logs"
failures=0
home=$(mktemp -d)  # the app's settings and recent files stay out of the real home

step() {  # step NAME COMMAND...: runs, logs, records failure (77 = skipped)
    local name=$1
    shift
    echo "### $*" >"$logs/$name.log"
    local start=$SECONDS
    HOME="$home" timeout 300 "$@" >>"$logs/$name.log" 2>&1
    local rc=$?
    printf '%-22s rc=%-3s %4ss\n' "$name" "$rc" "$((SECONDS - start))" | tee -a "$logs/summary.txt"
    if [[ $rc -ne 0 && $rc -ne 77 ]]; then
        failures=$((failures + 1))
    fi
}

step smi nvidia-smi
step info "$bin/convis" info
step cuda_tests "$bin/convis_cuda_tests"
step interop_egl "$bin/convis_interop_check" --context egl
step interop_glx "${wrap[@]}" "$bin/convis_interop_check" --context glx
step interop_mesa "${wrap[@]}" env -u __GLX_VENDOR_LIBRARY_NAME "$bin/convis_interop_check" \
    --context glx --expect-fallback --quick
shot=(--frames 40 --kernel sobel-x --signed-colours --backend cuda-fast)
step gui_interop "${wrap[@]}" "$bin/convis" --screenshot "$out/gui-interop-h200.png" "${shot[@]}"
step gui_mesa "${wrap[@]}" env -u __GLX_VENDOR_LIBRARY_NAME "$bin/convis" \
    --screenshot "$out/gui-mesa-fallback.png" "${shot[@]}"
# The measured replay: a traced launch over the whole image, its frames and the GUI tab.
region=192,192,128,128
step animate "$bin/convis" animate --mode gpu-measured --frames 24 --region "$region" \
    --out "$logs/anim-measured" --trace-out "$logs/trace.csv"
step gui_animation "${wrap[@]}" "$bin/convis" --screenshot "$out/gui-animation-measured.png" \
    --frames 30 --size 1920x1080 --tab animation --anim-mode gpu-measured --anim-time 0.5 \
    --anim-region "$region"
# Where the GPU starts to pay off: sweeps over image sizes for three kernel sizes.
for k in 3 9 31; do
    step "sweep_k$k" "$bin/convis" sweep --k "$k" --samples 10 --max-sequential 1024 \
        --json "$out/sweep-h200-k$k.json" --csv "$logs/sweep-h200-k$k.csv"
done
tar -czf "$out/logs.tar.gz" -C "$out" logs && rm -rf "$logs"
rm -rf "$home"
echo "gpu_checks: $failures failed"
[[ $failures -eq 0 ]]
