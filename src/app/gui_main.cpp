// Parses the window's options and runs the application; window failures exit with code 2.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <string_view>

#include "app/app.hpp"
#include "app/gui.hpp"

namespace convis {

namespace {

// The same contract as the subcommands: one line on stderr, "convis: error: ...", exit code 2.
int reportError(std::string message) {
    for (char& c : message) {
        if (c == '\n' || c == '\r') {
            c = ' ';
        }
    }
    while (!message.empty() && message.back() == ' ') {
        message.pop_back();
    }
    std::fprintf(stderr, "convis: error: %s\n", message.c_str());
    return 2;
}

}  // namespace

bool wantsGui(int argc, char** argv) {
    if (argc < 2) {
        return true;
    }
    const std::string_view first(argv[1]);
    // Options (--screenshot ...) belong to the window; help and version to the subcommands.
    return first.starts_with("-") && first != "-h" && first != "--help" && first != "--version";
}

int runGui(int argc, char** argv) {
    CLI::App cli{"convis: the desktop application (subcommands: convis --help)", "convis"};
    GuiOptions options;
    std::string size;
    float zoom = 0.0f;
    float split = -1.0f;
    std::string signedColours;
    cli.add_option("--screenshot", options.screenshotPath,
                   "Render, write a PNG of the whole window to this path, and exit");
    cli.add_option("--frames", options.frames, "Frames to render before the screenshot")
        ->check(CLI::Range(1, 10000));
    cli.add_option("--screenshot-info", options.infoPath,
                   "With --screenshot: also write JSON with the window and pane rectangles");
    cli.add_option("--image", options.image, "Image to open: a file, or pattern:NAME[:WxH]");
    cli.add_option("--kernel", options.kernel, "Preset id (e.g. sobel-x) or kernel text file");
    cli.add_option("--view", options.view, "input, output, side or split")
        ->check(CLI::IsMember({"input", "output", "side", "split"}));
    cli.add_option("--backend", options.backend, "Backend id (e.g. cpu-sequential)");
    cli.add_option("--zoom", zoom, "Screen pixels per image pixel (default: fit)")
        ->check(CLI::Range(1.0f / 64.0f, 64.0f));
    cli.add_option("--split", split, "Split view divider position, 0..1")
        ->check(CLI::Range(0.0f, 1.0f));
    cli.add_option("--signed-colours", signedColours, "on or off: the diverging output map")
        ->check(CLI::IsMember({"on", "off"}));
    float uiScale = 0.0f;
    cli.add_option("--ui-scale", uiScale,
                   "Size of text and controls (default: the display's content scale)")
        ->check(CLI::Range(0.5f, 4.0f));
    cli.add_option("--quit-after-frames", options.quitAfterFrames,
                   "Testing: close the window normally after this many frames")
        ->check(CLI::Range(1, 100000))
        ->group("");
    cli.add_option("--simulate-drop", options.simulatedDrop,
                   "Testing: handle this path as if it were dropped on the window")
        ->group("");  // hidden from --help
    cli.add_option("--tab", options.tab,
                   "Workspace tab to show first: image, animation, timing, sweep or device")
        ->check(CLI::IsMember({"image", "animation", "timing", "sweep", "device"}));
    cli.add_option("--anim-mode", options.animMode, "Animation mode")
        ->check(CLI::IsMember({"sequential", "threads", "gpu-waves", "gpu-measured", "shuffled"}));
    double animTime = -1.0;
    cli.add_option("--anim-time", animTime, "Animation clock as a fraction of its duration, 0..1")
        ->check(CLI::Range(0.0, 1.0));
    cli.add_flag("--anim-play", options.animPlay, "Start the animation playing");
    cli.add_flag("--anim-compare", options.animCompare,
                 "Compare CPU and GPU outputs (CPU paths without CUDA) at startup");
    cli.add_option("--anim-region", options.animRegion, "Animated outputs: x,y,w,h");
    cli.add_option("--inspect", options.inspect, "Pin the inspector on output pixel x,y");
    cli.add_option("--inspect-input", options.inspectInput, "Pin the inspector on input pixel x,y");
    cli.add_option("--sweep-file", options.sweepFile,
                   "Show this sweep (JSON from convis sweep --json) in the sweep tab");
    cli.add_option("--runs", options.runsPerBackend,
                   "Run every available backend this many times at start (timing tab samples)")
        ->check(CLI::Range(1, 1000));
    cli.add_option("--then-kernel", options.thenKernel,
                   "With --runs: switch to this preset kernel, then run every backend again")
        ->needs("--runs");
    cli.add_option("--sweep-to", options.sweepTo,
                   "Start a sweep at start, from 32x32 up to this side (Sweep tab settings)")
        ->check(CLI::Range(32, 8192));
    cli.add_option(
        "--anim-capture-panel", options.animCapturePanel,
        "With --screenshot: capture the animation panel as drawn, frame by frame, as "
        "frame_00000.png ... in this folder (created when missing), then the screenshot");
    cli.add_option("--anim-capture-frames", options.animCaptureFrames,
                   "Frames of the panel capture, evenly spaced over the animation (default 30)")
        ->check(CLI::Range(1, 10000))
        ->needs("--anim-capture-panel");
    cli.add_flag("--every-frame", options.everyFrame,
                 "Re-run the selected backend every frame (Backends panel: Every frame); a "
                 "screenshot run stops starting runs after --frames and shows the last");
    cli.add_flag("--anim-prove-order", options.animProveOrder,
                 "Run the shuffle-order proof over the whole image at start (Animation tab)");
    cli.add_option("--export-chart-png", options.exportChartPng,
                   "With --screenshot: press the PNG button of the timing tab (or of the sweep "
                   "tab with --tab sweep) and write its picture to this path");
    cli.add_option("--size", size, "Window size WxH in screen coordinates (e.g. 1920x1080)");
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) {
            return cli.exit(e);  // --help: printed to stdout, success
        }
        return reportError(e.what());
    }
    if (!options.exportChartPng.empty() && options.tab != "timing" && options.tab != "sweep") {
        return reportError("--export-chart-png needs --tab timing or --tab sweep");
    }
    if (!options.animCapturePanel.empty() && !options.tab.empty() && options.tab != "animation") {
        return reportError(
            "--anim-capture-panel captures the animation tab: leave out --tab or "
            "use --tab animation");
    }
    if ((!options.animCapturePanel.empty() || !options.exportChartPng.empty()) &&
        options.screenshotPath.empty()) {
        return reportError("--anim-capture-panel and --export-chart-png need --screenshot");
    }
    if (zoom > 0.0f) {
        options.zoom = zoom;
    }
    if (animTime >= 0.0) {
        options.animTime = animTime;
    }
    if (uiScale > 0.0f) {
        options.uiScale = uiScale;
    }
    if (split >= 0.0f) {
        options.split = split;
    }
    if (!signedColours.empty()) {
        options.signedColours = signedColours == "on";
    }
    if (!size.empty()) {
        int width = 0;
        int height = 0;
        char extra = '\0';
        if (std::sscanf(size.c_str(), "%dx%d%c", &width, &height, &extra) != 2 || width < 320 ||
            height < 240 || width > 16384 || height > 16384) {
            return reportError("--size must be WxH, from 320x240 to 16384x16384");
        }
        options.width = width;
        options.height = height;
    }
    try {
        App app(std::move(options));
        return app.run();
    } catch (const WindowError& e) {
        return reportError(std::string("cannot open the window: ") + e.what() +
                           ". The headless subcommands run without one (convis apply, convis "
                           "info, ...: see convis --help)");
    } catch (const std::exception& e) {
        return reportError(e.what());
    }
}

}  // namespace convis
