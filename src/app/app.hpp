// The desktop application: owns the window, ImGui, GL resources, backends, jobs and the model;
// runs the frame loop and executes the UI's commands between frames.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/gl_presenter.hpp"
#include "app/gui_options.hpp"
#include "app/jobs.hpp"
#include "app/output_producer.hpp"
#include "app/settings_store.hpp"
#include "app/window.hpp"
#include "app/window_region.hpp"
#include "backends/registry.hpp"
#include "gl/image_view_renderer.hpp"
#include "gl/texture.hpp"
#include "ui/animation_panel.hpp"
#include "ui/main_ui.hpp"
#include "ui/sweep_panel.hpp"
#include "ui/theme.hpp"
#include "ui/timing_panel.hpp"

namespace convis {

// Creates and destroys the ImGui context (and the GLFW/OpenGL3 backends) with RAII, in the
// order the ImGui examples use.
class ImGuiSession {
  public:
    explicit ImGuiSession(GLFWwindow* window);
    ~ImGuiSession();
    ImGuiSession(const ImGuiSession&) = delete;
    ImGuiSession& operator=(const ImGuiSession&) = delete;
};

class App {
  public:
    // Opens the window; throws WindowError when there is no display or no GL 3.3 core.
    explicit App(GuiOptions options);
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    // The frame loop; returns the exit code.
    int run();

    // GLFW drop callback target.
    void onDrop(int count, const char** paths);

  private:
    void applyStoredSettings(const StoredSettings& settings);
    StoredSettings currentSettings() const;
    void applyStartupOptions();
    void applyAnimationOptions();  // app_analysis.cpp
    void drawFrame();
    void executeCommands();
    void execute(const ui::Command& command);
    void collectResults();
    void startRun();
    void post(ui::MessageLevel level, const std::string& text);
    struct LoadResult {
        std::shared_ptr<const Image> image;
        std::string error;
    };
    void openImageFile(const std::string& path);
    void finishOpen(const std::string& path, const LoadResult& result);
    // False (with a message) when the image cannot be shown; the current one stays.
    bool setImage(std::shared_ptr<const Image> image, std::string name);
    void setRequest(const ConvRequest& request, const std::string& presetId);
    void selectBackend(const std::string& id);
    void setThreads(int threads);
    void saveOutput();
    std::string exportPath(const std::string& stem) const;
    bool writeScreenshot(const std::string& path);
    void writeScreenshotInfo(const std::string& path, int width, int height);
    bool screenshotDue();
    // The timing, sweep and device tabs (app_timing.cpp).
    void initTimingPanels();
    void noteSettingChange(const std::string& what);
    void startSweep(const ui::SweepSettings& settings);
    void collectSweep();
    void exportData(const ui::ExportData& request);
    void capturePendingRegion();
    void startNextStartupRun();
    bool timingBusy() const;
    // The animation's analyses, on their own job thread (app_analysis.cpp).
    void runGpuTrace();
    void compareBackends();
    bool analysisBusy() const;
    void saveChangedSettings();  // any of the animation panel's jobs
    void exportAnimation(const ui::ExportAnimation& request);
    void proveOrderWholeImage(std::uint64_t seed);
    void collectOrderProof();
    // The animation panel captured as drawn (app_panel_capture.cpp).
    void startPanelCapture(const ui::CapturePanel& request);
    void capturePanelFrame();  // after ImGui renders, before the swap
    void finishPanelCapture(ui::MessageLevel level, const std::string& text);
    void failPanelCapture(const std::string& text);
    // A region in ImGui coordinates as framebuffer pixels, clipped to the window (empty when it
    // lies off screen), and the framebuffer's height (GL counts rows from the bottom): what the
    // panel capture and the chart PNG read back.
    PixelRect framebufferRegion(float x, float y, float width, float height,
                                int& framebufferHeight) const;
    // Screenshot runs: the panel capture and chart PNG asked for on the command line, started
    // once everything else is ready; true while they still run.
    bool startupCapturesPending();

    GuiOptions m_options;
    StorePaths m_paths;
    std::string m_settingsMessage;  // before m_stored, whose initialiser writes it
    StoredSettings m_stored;
    // Declaration order is destruction order reversed: GL objects die before the context.
    Window m_window;
    ImGuiSession m_imgui;
    ui::Fonts m_fonts;
    gl::Texture m_inputTexture;
    gl::Texture m_outputTexture;  // the one output texture; its id is stable for the app's life
    std::unique_ptr<gl::ImageViewRenderer> m_renderer;
    bool m_showOutput = false;
    int m_maxTextureSize = 0;  // GL_MAX_TEXTURE_SIZE: larger images cannot be shown
    std::unique_ptr<GlPresenter> m_presenter;
    BackendRegistry m_registry;
    JobRunner m_jobs;
    JobRunner m_loader;  // image decoding, apart from the filter so neither waits for the other
    // The animation panel's jobs, one runner each: a runner replaces a waiting job without running
    // its completion, so sharing one let a trace or an export silently drop a comparison.
    JobRunner m_tracer;             // the traced GPU launch (measured replay)
    JobRunner m_comparer;           // CPU vs GPU comparison
    JobRunner m_animationExporter;  // core-rendered animation frames, MP4 and GIF
    JobRunner m_sweeper;            // sweeps, apart from the live runs
    JobRunner m_frameWriter;        // PNG encoding and writing of panel capture frames
    JobRunner m_prover;             // the shuffle-order proof over the whole image
    int m_framesInFlight = 0;       // panel capture frames handed to m_frameWriter, not yet written
    PixelRect m_panelCaptureRect;   // the last panel capture's frame, framebuffer pixels
    PixelRect m_lastCaptureRect;    // the last CaptureRegion (chart or tab PNG), framebuffer pixels
    std::optional<std::string> m_captureDestination;  // the next CaptureRegion's path (tests)
    bool m_captureFailed = false;  // a capture asked for failed: screenshot runs exit with 2
    int m_framesSinceCapture = 1000;
    bool m_startupPanelCaptureAsked = false;
    bool m_startupChartPngAsked = false;
    struct SweepShared;  // progress text and result handed from the sweep job
    std::shared_ptr<SweepShared> m_sweepShared;
    std::optional<ui::CaptureRegion> m_capture;
    std::vector<std::string> m_startupRuns;  // --runs: backend ids still to run, in order
    std::uint64_t m_loadGeneration = 0;
    std::unique_ptr<OutputProducer> m_producer;
    ui::AppState m_state;
    ui::CommandQueue m_commands;
    ui::KeyCodes m_keys;
    ui::MainUi m_ui;
    ui::AnimationPanel* m_animation = nullptr;  // owned by m_ui's workspace
    ui::TimingPanel* m_timingPanel = nullptr;   // likewise
    ui::SweepPanel* m_sweepPanel = nullptr;

    std::uint64_t m_generation = 0;
    bool m_needsRun = false;
    bool m_quit = false;
    bool m_screenshotRequested = false;
    std::optional<StoredSettings> m_savedSettings;  // as last written (or last failed to write)
    std::chrono::steady_clock::time_point m_lastSettingsCheck{};
    bool m_settingsSaveFailed = false;
    bool m_everyFrameHeld = false;     // a screenshot run stopped starting every-frame runs
    int m_framesAfterStartupRuns = 0;  // screenshot runs: frames drawn since the --runs finished
    int m_activeFrames = 3;            // frames still to draw before waiting for events again
    int m_frameCount = 0;
    int m_framesSinceResult = 0;
    bool m_resultPending = false;  // the newest run has not reported back yet
    int m_exitCode = 0;
    std::chrono::steady_clock::time_point m_start;
    // Frames drawn while a sweep ran and the time they took: the screenshot info reports them
    // so a test can check that the window stays responsive during a sweep.
    std::chrono::steady_clock::time_point m_lastFrame;
    int m_sweepFrames = 0;
    double m_sweepSeconds = 0.0;
    double m_sweepMaxFrameMs = 0.0;
    std::vector<double> m_sweepFrameMs;  // every frame's length while a sweep ran
};

}  // namespace convis
