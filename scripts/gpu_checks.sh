#!/usr/bin/env bash
# Every check that needs an NVIDIA GPU, for a machine that has one: the CUDA suite, the CUDA-GL
# interop check, the measured replay, sweeps over image sizes, and the desktop application with
# interop on and with the fallback badge. Logs go to OUT/logs-PART.tar.gz, pictures and data
# next to it.
#
#   scripts/gpu_checks.sh BIN OUT [headless|quick|display|all]
#
# "quick" is the headless part without the benchmark and the sweeps (a few minutes less).
# BIN holds convis, convis_cuda_tests and convis_interop_check. "headless" needs no display;
# "display" needs CONVIS_DISPLAY_WRAPPER, a command prefix that runs a program under an X display
# whose GLX is the NVIDIA driver's (for example a script that starts Xvfb and sets
# __GLX_VENDOR_LIBRARY_NAME=nvidia); its Mesa runs unset that variable to get the fallback.
# Exits non-zero when a check fails; the remaining checks still run.
set -uo pipefail
bin=${1:?usage: gpu_checks.sh BIN OUT [headless|quick|display|all]}
out=${2:?usage: gpu_checks.sh BIN OUT [headless|quick|display|all]}
part=${3:-all}
read -r -a wrap <<<"${CONVIS_DISPLAY_WRAPPER:-}"
logs="$out/logs-$part"
mkdir -p "$logs"
failures=0
home=$(mktemp -d)  # the app's settings and recent files stay out of the real home
region=192,192,128,128

step() {  # step NAME COMMAND...: runs with a time limit, logs, counts failures (77 = skipped)
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

if [[ $part == headless || $part == quick || $part == all ]]; then
    step smi nvidia-smi
    step info "$bin/convis" info
    step cuda_tests "$bin/convis_cuda_tests"
    step interop_egl "$bin/convis_interop_check" --context egl
    # The measured replay: a traced launch over the whole image and frames of its replay.
    step animate "$bin/convis" animate --mode gpu-measured --frames 24 --region "$region" \
        --out "$logs/anim-measured" --trace-out "$logs/trace.csv"
fi

if [[ $part == headless || $part == all ]]; then
    step bench "$bin/convis" bench --backend cpu-parallel,cuda-naive,cuda-tiled,cuda-fast \
        --size 3840x2160 --k 3,9 --samples 10 --json "$logs/bench.json"
    # Where the GPU starts to pay off: sweeps over image sizes for three kernel sizes.
    for k in 3 9 31; do
        step "sweep_k$k" "$bin/convis" sweep --k "$k" --samples 10 --max-sequential 1024 \
            --json "$out/sweep-h200-k$k.json" --csv "$logs/sweep-h200-k$k.csv"
    done
fi

if [[ $part == display || $part == all ]]; then
    if [[ ${#wrap[@]} -eq 0 ]]; then
        echo "gpu_checks: display checks need CONVIS_DISPLAY_WRAPPER" | tee -a "$logs/summary.txt"
        failures=$((failures + 1))
    else
        # Every frame: the last run shown is a warm one (the first launch also loads the module).
        shot=(--frames 40 --kernel sobel-x --signed-colours on --backend cuda-fast --every-frame)
        step gui_interop "${wrap[@]}" "$bin/convis" --screenshot "$out/gui-interop-h200.png" \
            "${shot[@]}"
        step gui_mesa "${wrap[@]}" env -u __GLX_VENDOR_LIBRARY_NAME "$bin/convis" \
            --screenshot "$out/gui-mesa-fallback.png" "${shot[@]}"
        step gui_animation "${wrap[@]}" "$bin/convis" \
            --screenshot "$out/gui-animation-measured.png" --frames 30 --size 1920x1080 \
            --tab animation --anim-mode gpu-measured --anim-time 0.5 --anim-region "$region"
        # The panel as drawn, frame by frame, while the CPU vs GPU comparison runs beside it.
        step gui_capture "${wrap[@]}" "$bin/convis" \
            --screenshot "$logs/gui-capture-last.png" --frames 20 --size 1920x1080 \
            --tab animation --anim-mode gpu-measured --anim-region "$region" --anim-compare \
            --anim-capture-panel "$logs/anim-panel" --anim-capture-frames 12 \
            --screenshot-info "$logs/gui-capture.json"
        # Every backend three times, then CUDA fast every frame through interop; a 4K image.
        step gui_timing "${wrap[@]}" "$bin/convis" --screenshot "$out/gui-timing-h200.png" \
            --frames 90 --size 1600x1000 --tab timing --runs 3 --backend cuda-fast --every-frame \
            --image pattern:zoneplate:3840x2160 --screenshot-info "$logs/gui-timing.json"
        step gui_device "${wrap[@]}" "$bin/convis" --screenshot "$out/gui-device-h200.png" \
            --frames 20 --size 1600x1000 --tab device --backend cuda-fast
        if [[ -x "$bin/convis_interop_check" ]]; then
            step interop_glx "${wrap[@]}" "$bin/convis_interop_check" --context glx --quick
        fi
    fi
fi

tar -czf "$out/logs-$part.tar.gz" -C "$out" "logs-$part" && rm -rf "$logs"
rm -rf "$home"
echo "gpu_checks: $failures failed"
[[ $failures -eq 0 ]]
