// The model the panels show: current image, request, backends, results, messages, and the
// UI-owned view and layout settings. Panels read the model and change it only through commands;
// the view/layout parts are theirs to change directly, since nothing else depends on them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "backends/backend.hpp"
#include "backends/cuda_trace.hpp"
#include "core/conv_request.hpp"
#include "core/cpu_facts.hpp"
#include "core/image.hpp"
#include "core/timing_report.hpp"

namespace convis::ui {

enum class ViewMode { Input = 0, Output = 1, SideBySide = 2, Split = 3 };

inline constexpr float kMinZoom = 1.0f / 64.0f;
inline constexpr float kMaxZoom = 64.0f;
inline constexpr float kGridZoom = 8.0f;  // the pixel grid appears from this zoom

struct ViewSettings {
    ViewMode mode = ViewMode::SideBySide;
    bool fit = true;       // zoom follows the pane size until the user zooms or pans
    float zoom = 1.0f;     // screen pixels per image pixel
    float centreX = 0.0f;  // image coordinate at the pane's centre
    float centreY = 0.0f;
    float split = 0.5f;      // split mode: divider as a fraction of the pane width
    bool diverging = false;  // show the output as signed values around the offset
    bool operator==(const ViewSettings&) const = default;
};

struct LayoutSettings {
    float leftWidth = 380.0f;  // logical pixels before the content scale
    float rightWidth = 330.0f;
    float logHeight = 190.0f;
    bool showKernel = true;
    bool showBackends = true;
    bool showLog = true;
    bool operator==(const LayoutSettings&) const = default;
};

enum class MessageLevel { Info, Warning, Error };

struct Message {
    MessageLevel level = MessageLevel::Info;
    std::string text;
};

struct RunStatus {
    bool running = false;
    double progress = 0.0;  // 0..1
    std::string backendId;
};

struct LastRun {
    bool valid = false;
    std::string backendLabel;
    double milliseconds = 0.0;
    double megapixelsPerSecond = 0.0;
    std::vector<StageTime> stages;
};

// One finished run, kept for timing panels: newest last, at most kMaxRunHistory.
struct RunRecord {
    std::string backendId;
    double milliseconds = 0.0;  // end to end
    std::vector<StageTime> stages;
    std::size_t pixels = 0;
    std::uint64_t run = 0;      // the run's number; runs superseded before finishing are missing
    std::uint32_t setting = 0;  // AppState::settingEpoch when the run started
    int width = 0;              // the image's size
    int height = 0;
};

// A change of image or request: timings before and after it do not compare.
struct SettingChange {
    std::uint32_t epoch = 0;  // the first epoch with the new setting
    std::string what;         // "image: coffee", "kernel: sobel-x"
};

// What the sweep panel asks for (sides doubling from..to, one dense kernel size).
struct SweepSettings {
    int from = 32;
    int to = 8192;
    int kernel = 9;
    int samples = 3;
    int maxSequential = 512;
};

struct SweepState {
    SweepSettings settings;
    bool running = false;
    double progress = 0.0;
    std::shared_ptr<const TimingReport> report;  // the last finished (or cancelled) sweep
    bool cancelled = false;
    std::string status;  // "running", "done in 4.2 s", "cancelled after 12 of 40 cases"
};

// GPU and CPU facts for the device panel, gathered once at start.
struct MachineFacts {
    bool haveGpu = false;
    DeviceFacts gpu;
    std::string gpuReason;  // "no CUDA device: ..." when there is none
    CpuFacts cpu;
    int cpuCores = 0;  // physical cores, 0 when unknown
};
inline constexpr std::size_t kMaxRunHistory = 2000;

// What the output path is doing: host upload, or a direct GPU write (interop) when available.
struct ProducerBadge {
    bool interop = false;
    std::string text;  // "host upload", "interop on", "interop off: <reason>"
};

// Where the image canvas was drawn last frame, in window pixels (for tests and screenshots).
struct CanvasRects {
    float x = 0, y = 0, width = 0, height = 0;                 // the whole canvas
    float inputX = 0, inputY = 0, inputW = 0, inputH = 0;      // side by side: left pane
    float outputX = 0, outputY = 0, outputW = 0, outputH = 0;  // side by side: right pane
};

// Where the animation drew its main grid of cells last frame (for tests and screenshots).
struct AnimationGridRect {
    float x = 0, y = 0;  // top-left of the first cell, window pixels
    float cell = 0;      // cell side
    int columns = 0;
    int rows = 0;
    int group = 1;  // outputs per cell side (overview when > 1)
};

// The animation panel captured as drawn on screen, one PNG per animation frame: the panel sets
// the clock for frame `next` and says where it drew the tracks; the app reads that rectangle
// back after ImGui renders and writes the PNG on a job thread, then asks for the next frame.
struct PanelCapture {
    bool active = false;
    int frames = 0;      // frames to write
    int next = 0;        // the frame the panel is to draw
    int drawn = -1;      // the frame the panel drew this frame; -1 when it drew none
    int written = 0;     // frames on disk
    float x = 0, y = 0;  // the tracks' rectangle, window pixels (set by the panel)
    float width = 0, height = 0;
    std::string folder;
    std::string problem;  // set by the panel when it cannot draw the tracks
    bool cancelRequested = false;
};

// The shuffle-order proof over the whole image, on a job thread.
struct OrderProofState {
    bool running = false;
    double progress = 0.0;
    bool valid = false;               // a finished result is shown
    bool identical = false;           // the shuffled image equals the raster one bit for bit
    std::size_t differingPixels = 0;  // otherwise, how many pixels differ
    std::size_t pixels = 0;
    std::uint64_t seed = 0;
    std::shared_ptr<const Image> image;  // what was checked
    ConvRequest request;
    std::string error;  // or "cancelled"
};

// The receptive-field inspector: a pinned pixel stays inspected until Esc.
struct InspectorState {
    bool enabled = true;
    bool pinned = false;
    int x = 0;  // the pinned pixel, image coordinates
    int y = 0;
    bool onOutput = true;  // pinned an output pixel (its window) or an input pixel (its reach)
    int channel = 0;       // the channel whose sum is listed term by term
};

// The measured GPU timeline for the animation's replay mode.
struct GpuTraceState {
    bool available = false;
    std::string reason;  // why not, when unavailable
    bool running = false;
    std::shared_ptr<const TracedLaunch> trace;  // null until a trace ran
    std::shared_ptr<const Image> image;         // what the trace ran on
    ConvRequest request;
    std::string error;
};

// Two backends' outputs of the current image and request, compared.
struct BackendComparison {
    bool valid = false;
    bool running = false;
    std::string first;  // backend ids
    std::string second;
    std::string note;                    // e.g. why the GPU is not part of it
    std::shared_ptr<const Image> image;  // what was compared
    ConvRequest request;
    int maxAbs = 0;
    std::size_t differingPixels = 0;
    std::size_t pixels = 0;
    double psnr = 0.0;                 // +inf when identical
    std::shared_ptr<const Image> map;  // |first - second| x kDifferenceGain per channel
    static constexpr int kDifferenceGain = 64;
    std::string error;
};

// An entry of a menu of built-in things: its id and one line for the tooltip.
struct NamedItem {
    std::string id;
    std::string description;
};

struct AppState {
    // Model (changed by the app when it executes commands).
    std::shared_ptr<const Image> input;
    std::string imageName;     // file name or "pattern: zoneplate"
    std::string loadingImage;  // name of a file being decoded in the background, or empty
    std::shared_ptr<const Image> output;
    bool outputCurrent = false;  // output matches the current input, request and backend
    ConvRequest request;
    std::string presetId = "identity";  // empty once the user edited the weights
    std::vector<BackendInfo> backends;
    std::string backendId = "cpu-sequential";
    bool live = true;         // re-run on every change
    bool everyFrame = false;  // start a new run whenever the last one finished (timing fills)
    int threads = 0;          // cpu-parallel: threads to use, 0 = one per hardware thread
    int maxThreads = 1;       // the CPUs this process may use
    RunStatus run;
    LastRun last;
    std::vector<RunRecord> runHistory;
    std::uint32_t settingEpoch = 0;
    std::vector<SettingChange> settingChanges;
    SweepState sweep;
    MachineFacts machine;
    ProducerBadge producer;
    std::vector<Message> messages;
    std::vector<std::string> recentFiles;
    std::vector<NamedItem> bundledImages;
    std::string displayInfo;  // "OpenGL 4.5 (Core Profile) Mesa ..., llvmpipe"
    std::string exportDir;
    std::string lastExportPath;

    // UI-owned.
    ViewSettings view;
    LayoutSettings layout;
    CanvasRects canvas;
    InspectorState inspector;
    AnimationGridRect animationGrid;
    bool animating = false;  // an animation is playing: the frame loop must keep drawing
    GpuTraceState gpuTrace;
    std::string ffmpegPath;  // empty: ffmpeg not installed, video export greyed out
    bool exportingAnimation = false;
    PanelCapture panelCapture;
    OrderProofState orderProof;
    BackendComparison comparison;
    float contentScale = 1.0f;
};

}  // namespace convis::ui
