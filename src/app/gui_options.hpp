// Options of the desktop application (all optional): what to show first, and headless
// screenshot runs for tests and documentation.
#pragma once

#include <optional>
#include <string>

namespace convis {

struct GuiOptions {
    std::string screenshotPath;  // non-empty: render, write this PNG, exit
    int frames = 5;              // frames rendered before the screenshot
    std::string infoPath;        // screenshot runs: JSON with the window and pane rectangles
    std::string image;           // file path, "pattern:NAME[:WxH]" or a bundled image name
    std::string kernel;          // preset id or kernel text file
    std::string view;            // input | output | side | split
    std::string backend;         // backend id
    std::optional<float> zoom;   // screen pixels per image pixel; unset = fit
    std::optional<float> split;  // split view divider, 0..1
    std::optional<bool> signedColours;
    std::optional<float> uiScale;    // overrides the display's content scale (projectors)
    int quitAfterFrames = 0;         // tests: close normally (saving settings) after N frames
    std::string simulatedDrop;       // tests: goes through the real drop callback path
    std::string tab;                 // workspace tab to show first: image, animation, timing, ...
    std::string animMode;            // sequential | threads | gpu-waves | gpu-measured | shuffled
    std::optional<double> animTime;  // animation clock as a fraction of its duration, 0..1
    bool animPlay = false;           // start the animation playing
    bool animCompare = false;        // compare CPU and GPU outputs at startup
    std::string animRegion;          // "x,y,w,h": the animated outputs
    std::string inspect;             // "x,y": pin the inspector on this output pixel
    std::string inspectInput;        // "x,y": pin it on this input pixel
    std::string sweepFile;           // a sweep JSON (convis sweep --json) for the sweep tab
    int runsPerBackend = 0;          // run every available backend this many times at start
    std::string thenKernel;  // with runsPerBackend: switch to this preset, then run them again
    int sweepTo = 0;         // start a sweep (32 .. this side) at start; 0 = none
    std::string animCapturePanel;  // capture the animation panel frame by frame into this folder
    int animCaptureFrames = 30;    // how many frames the panel capture writes
    bool everyFrame = false;       // start in every-frame mode (a new run whenever one finished)
    bool animProveOrder = false;   // start the whole-image shuffle-order proof at start
    std::string exportChartPng;    // press the timing (or sweep) tab's PNG button, write here
    int width = 0;                 // window size; 0 = from settings
    int height = 0;
};

}  // namespace convis
