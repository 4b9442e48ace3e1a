// What the UI asks for; the app executes commands between frames, in order.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/conv_request.hpp"
#include "core/execution_schedule.hpp"
#include "core/image.hpp"
#include "ui/app_state.hpp"

namespace convis::ui {

struct OpenImageFile {
    std::string path;
};
struct OpenBundledImage {
    std::string name;
};
struct OpenPattern {
    std::string id;
    int width = 512;
    int height = 512;
};
// A new request; presetId is the preset it came from, empty when edited by hand.
struct SetRequest {
    ConvRequest request;
    std::string presetId;
};
struct SelectBackend {
    std::string id;
};
// cpu-parallel's thread count, 1..AppState::maxThreads (0 = one per hardware thread).
struct SetThreads {
    int threads = 0;
};
struct RunNow {};
struct CancelRun {};
struct SetLive {
    bool live = true;
};
struct SetEveryFrame {
    bool everyFrame = false;
};
struct SaveOutput {};      // full-resolution output PNG into the export folder
struct TakeScreenshot {};  // whole window PNG into the export folder
struct LoadKernelFile {
    std::string path;
};
struct SaveKernelFile {
    std::string path;
};
struct PostMessage {
    MessageLevel level = MessageLevel::Info;
    std::string text;
};
struct ClearMessages {};
struct StartSweep {
    SweepSettings settings;
};
struct CancelSweep {};
enum class DataFormat { Csv, Json };
// Every sample of the run history ("timing") or the last sweep ("sweep") into the export folder.
struct ExportData {
    std::string what;  // "timing" or "sweep"
    DataFormat format = DataFormat::Csv;
};
// A PNG of part of the window (a chart or a panel), in window pixels.
struct CaptureRegion {
    std::string stem;
    float x = 0, y = 0, width = 0, height = 0;
};
struct Quit {};
// Frames of an animation rendered offscreen (core/animation_frame.hpp) into a numbered PNG
// sequence in a new folder of the export folder, and a video beside it when video is "mp4" or
// "gif" (through ffmpeg).
struct ExportAnimation {
    std::shared_ptr<const Schedule> schedule;
    Region region;
    std::shared_ptr<const Image> output;
    int frames = 120;
    std::string video;  // "", "mp4" or "gif"
    std::string name;   // for the folder: e.g. "gpu-waves"
};
// The animation panel as drawn on screen, frame by frame, as frame_00000.png ... in `folder`
// (created when missing), or in a new folder of the export folder when `folder` is empty.
struct CapturePanel {
    int frames = 120;
    std::string folder;
    std::string name;  // for a new folder: e.g. "gpu-waves"
};
struct CancelPanelCapture {};
// The shuffle-order proof over the whole image (seeded), on a job thread; and its cancel.
struct ProveOrderWholeImage {
    std::uint64_t seed = 1;
};
struct CancelOrderProof {};
struct RunGpuTrace {};      // the traced CUDA launch over the whole image (measured replay)
struct CompareBackends {};  // CPU vs GPU (or sequential vs parallel without a GPU)

using Command =
    std::variant<OpenImageFile, OpenBundledImage, OpenPattern, SetRequest, SelectBackend,
                 SetThreads, RunNow, CancelRun, SetLive, SetEveryFrame, SaveOutput, TakeScreenshot,
                 LoadKernelFile, SaveKernelFile, PostMessage, ClearMessages, Quit, RunGpuTrace,
                 CompareBackends, ExportAnimation, StartSweep, CancelSweep, ExportData,
                 CaptureRegion, CapturePanel, CancelPanelCapture, ProveOrderWholeImage,
                 CancelOrderProof>;

class CommandQueue {
  public:
    void push(Command command) { m_commands.push_back(std::move(command)); }
    // Hands over everything queued so far (the app executes them in order).
    std::vector<Command> take() { return std::exchange(m_commands, {}); }
    bool empty() const { return m_commands.empty(); }
    const std::vector<Command>& pending() const { return m_commands; }

  private:
    std::vector<Command> m_commands;
};

}  // namespace convis::ui
