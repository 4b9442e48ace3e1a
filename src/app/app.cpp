// The application: construction, frame loop, command execution.
#include "app/app.hpp"

#include <epoxy/gl.h>
// GLFW after epoxy, which provides the GL declarations.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cfloat>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <utility>

#include "app/exports.hpp"
#include "core/atomic_file.hpp"
#include "core/bundled_images.hpp"
#include "core/error.hpp"
#include "core/image_io.hpp"
#include "core/image_source.hpp"
#include "core/kernel_presets.hpp"
#include "core/kernel_text.hpp"
#include "core/patterns.hpp"
#include "core/row_bands.hpp"
#include "core/timing.hpp"
#include "core/video_pipe.hpp"
#include "gl/capture.hpp"
#include "gl/gl_check.hpp"

namespace convis {

namespace {

constexpr std::size_t kMaxMessages = 500;
constexpr std::size_t kMaxRecent = 12;
constexpr double kScreenshotTimeoutSeconds = 300.0;
constexpr int kPressFrames = 5;  // frames a pressed PNG button has to issue its command

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

void dropCallback(GLFWwindow* window, int count, const char** paths) {
    if (auto* app = static_cast<App*>(glfwGetWindowUserPointer(window))) {
        app->onDrop(count, paths);
    }
}

std::optional<ui::ViewMode> parseViewMode(const std::string& name) {
    if (name == "input") {
        return ui::ViewMode::Input;
    }
    if (name == "output") {
        return ui::ViewMode::Output;
    }
    if (name == "side" || name == "side-by-side") {
        return ui::ViewMode::SideBySide;
    }
    if (name == "split") {
        return ui::ViewMode::Split;
    }
    return std::nullopt;
}

bool presetIsSigned(const std::string& id) {
    for (const PresetInfo& info : presetList()) {
        if (info.id == id) {
            return info.signedOutput;
        }
    }
    return false;
}

// The image shown when nothing else was asked for: the default bundled photograph, or a
// generated pattern should decoding it ever fail.
std::shared_ptr<const Image> defaultImage(std::string& name, std::string& problem) {
    try {
        name = std::string(kDefaultBundledImage);
        return std::make_shared<const Image>(loadBundledImage(kDefaultBundledImage));
    } catch (const std::exception& e) {
        problem = std::string("the default image could not be loaded: ") + e.what();
        name = "pattern: zoneplate";
        return std::make_shared<const Image>(makePattern("zoneplate", 512, 512));
    }
}

WindowOptions windowOptions(const GuiOptions& options, const StoredSettings& stored) {
    WindowOptions window;
    window.width = options.width > 0 ? options.width : stored.windowWidth;
    window.height = options.height > 0 ? options.height : stored.windowHeight;
    window.title = "convis: convolution on the CPU and the GPU";
    return window;
}

}  // namespace

ImGuiSession::ImGuiSession(GLFWwindow* window) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // the layout is ours (settings.json), not imgui.ini in the cwd
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    if (!ImGui_ImplGlfw_InitForOpenGL(window, true)) {
        ImGui::DestroyContext();
        throw WindowError("the ImGui GLFW backend failed to start");
    }
    if (!ImGui_ImplOpenGL3_Init("#version 330 core")) {
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
        throw WindowError("the ImGui OpenGL 3 backend failed to start");
    }
}

ImGuiSession::~ImGuiSession() {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
}

App::App(GuiOptions options)
    : m_options(std::move(options)),
      m_paths(defaultStorePaths()),
      m_stored(loadSettings(m_paths.settingsFile, m_settingsMessage).value_or(StoredSettings{})),
      m_window(windowOptions(m_options, m_stored)),
      m_imgui(m_window.handle()),
      m_jobs([] { glfwPostEmptyEvent(); }),
      m_loader([] { glfwPostEmptyEvent(); }),
      m_tracer([] { glfwPostEmptyEvent(); }),
      m_comparer([] { glfwPostEmptyEvent(); }),
      m_animationExporter([] { glfwPostEmptyEvent(); }),
      m_sweeper([] { glfwPostEmptyEvent(); }),
      m_frameWriter([] { glfwPostEmptyEvent(); }),
      m_prover([] { glfwPostEmptyEvent(); }),
      m_start(std::chrono::steady_clock::now()) {
    glfwSetWindowUserPointer(m_window.handle(), this);
    glfwSetDropCallback(m_window.handle(), dropCallback);

    m_state.contentScale = m_options.uiScale.value_or(m_window.contentScale());
    std::string fontWarning;
    m_fonts = ui::loadFonts(m_state.contentScale, fontWarning);
    ui::applyTheme(m_state.contentScale);
    m_ui.kernelPanel().setMonoFont(m_fonts.mono);
    auto animation = std::make_unique<ui::AnimationPanel>();
    m_animation = animation.get();
    m_ui.addWorkspacePanel(std::move(animation));
    if (!fontWarning.empty()) {
        post(ui::MessageLevel::Warning, fontWarning);
    }
    if (!m_settingsMessage.empty()) {
        post(ui::MessageLevel::Warning, m_settingsMessage);
    }

    CONVIS_GL_CHECK(glGetIntegerv(GL_MAX_TEXTURE_SIZE, &m_maxTextureSize));
    m_renderer = std::make_unique<gl::ImageViewRenderer>();
    m_presenter =
        std::make_unique<GlPresenter>(*m_renderer, m_inputTexture, m_outputTexture, m_showOutput);
    m_producer = makeOutputProducer(m_registry, m_jobs, m_outputTexture);

    m_keys.equal = GLFW_KEY_EQUAL;
    m_keys.minus = GLFW_KEY_MINUS;
    m_keys.zero = GLFW_KEY_0;
    m_keys.keypadAdd = GLFW_KEY_KP_ADD;
    m_keys.keypadSubtract = GLFW_KEY_KP_SUBTRACT;
    m_keys.keypadZero = GLFW_KEY_KP_0;
    m_keys.s = GLFW_KEY_S;
    m_keys.f12 = GLFW_KEY_F12;

    m_state.backends = m_registry.infos();
    m_state.maxThreads = hardwareThreadCount();
    const TraceAvailability trace = cudaTraceAvailability();
    m_state.gpuTrace.available = trace.available;
    m_state.gpuTrace.reason = trace.reason;
    const char* searchPath = std::getenv("PATH");
    m_state.ffmpegPath = findProgram("ffmpeg", searchPath != nullptr ? searchPath : "");
    for (const BundledImageInfo& info : bundledImageList()) {
        m_state.bundledImages.push_back(
            ui::NamedItem{info.id, info.description + " (" + info.credit + ")"});
    }
    std::string recentMessage;
    m_state.recentFiles = loadRecent(m_paths.recentFile, recentMessage);
    if (!recentMessage.empty()) {
        post(ui::MessageLevel::Warning, recentMessage);
    }
    applyStoredSettings(m_stored);
    m_state.displayInfo = m_window.glDescription();
    initTimingPanels();
    applyStartupOptions();
}

App::~App() {
    m_producer->cancel();
    if (m_options.screenshotPath.empty()) {
        try {
            saveSettings(m_paths.settingsFile, currentSettings());
        } catch (const std::exception& e) {
            std::fprintf(stderr, "convis: settings not saved: %s\n", e.what());
        }
    }
    glfwSetWindowUserPointer(m_window.handle(), nullptr);
}

void App::saveChangedSettings() {
    // Every few seconds, not only on close: a crash or a killed session keeps what was set.
    constexpr double kSavePeriodSeconds = 2.0;
    const auto now = std::chrono::steady_clock::now();
    if (!m_options.screenshotPath.empty() ||
        std::chrono::duration<double>(now - m_lastSettingsCheck).count() < kSavePeriodSeconds) {
        return;
    }
    m_lastSettingsCheck = now;
    StoredSettings settings = currentSettings();
    if (m_savedSettings && *m_savedSettings == settings) {
        return;
    }
    try {
        saveSettings(m_paths.settingsFile, settings);
        m_savedSettings = std::move(settings);
    } catch (const std::exception& e) {
        if (!m_settingsSaveFailed) {  // once, not every two seconds
            post(ui::MessageLevel::Warning, std::string("settings not saved: ") + e.what());
        }
        m_settingsSaveFailed = true;
        m_savedSettings = std::move(settings);  // retried after the next change
    }
}

void App::applyStoredSettings(const StoredSettings& s) {
    m_state.view = s.view;
    m_state.view.fit = true;
    m_state.layout = s.layout;
    m_state.live = s.live;
    m_state.threads = s.threads == 0 ? 0 : resolveThreadCount(s.threads, m_state.maxThreads);
    m_state.exportDir = s.exportDir.empty() ? m_paths.defaultExportDir : s.exportDir;
    selectBackend(s.backendId);
    try {
        setRequest(makePreset(s.presetId), s.presetId);
    } catch (const InputError&) {
        setRequest(makePreset("gaussian5"), "gaussian5");
    }
}

StoredSettings App::currentSettings() const {
    StoredSettings s;
    s.view = m_state.view;
    s.layout = m_state.layout;
    s.live = m_state.live;
    s.threads = m_state.threads;
    s.backendId = m_state.backendId;
    s.presetId = m_state.presetId.empty() ? m_stored.presetId : m_state.presetId;
    s.exportDir = m_state.exportDir == m_paths.defaultExportDir ? std::string() : m_state.exportDir;
    int width = 0;
    int height = 0;
    glfwGetWindowSize(m_window.handle(), &width, &height);
    s.windowWidth = width > 0 ? width : m_stored.windowWidth;
    s.windowHeight = height > 0 ? height : m_stored.windowHeight;
    return s;
}

void App::applyStartupOptions() {
    const GuiOptions& o = m_options;
    if (!o.kernel.empty()) {
        try {
            setRequest(makePreset(o.kernel), o.kernel);
        } catch (const InputError&) {
            m_commands.push(ui::LoadKernelFile{o.kernel});
        }
    }
    if (!o.backend.empty()) {
        selectBackend(o.backend);
    }
    m_state.everyFrame = o.everyFrame;
    if (!o.view.empty()) {
        if (const auto mode = parseViewMode(o.view)) {
            m_state.view.mode = *mode;
        } else {
            post(ui::MessageLevel::Error,
                 "unknown view '" + o.view + "' (input, output, side or split)");
        }
    }
    if (o.split) {
        m_state.view.split = std::clamp(*o.split, 0.0f, 1.0f);
    }
    if (o.signedColours) {
        m_state.view.diverging = *o.signedColours;
    }
    // The default image first, so a bad --image leaves a working window with a message.
    std::string name;
    std::string problem;
    auto image = defaultImage(name, problem);
    setImage(std::move(image), name);
    if (!problem.empty()) {
        post(ui::MessageLevel::Error, problem);
    }
    if (!o.image.empty()) {
        std::error_code error;
        if (std::filesystem::exists(o.image, error)) {
            openImageFile(o.image);
        } else {
            // pattern:NAME:WxH, bundled:NAME or a bare bundled name; a missing file lands here
            // too and gets the loader's message.
            try {
                setImage(std::make_shared<const Image>(loadImageSource(o.image)),
                         imageSourceStem(o.image));
            } catch (const std::exception& e) {
                post(ui::MessageLevel::Error, std::string("cannot open image: ") + e.what());
            }
        }
    }
    if (!o.simulatedDrop.empty()) {
        const char* paths[] = {o.simulatedDrop.c_str()};
        onDrop(1, paths);
    }
    if (o.zoom) {
        m_state.view.zoom = std::clamp(*o.zoom, ui::kMinZoom, ui::kMaxZoom);
        m_state.view.fit = false;
        if (m_state.input) {
            m_state.view.centreX = static_cast<float>(m_state.input->width()) * 0.5f;
            m_state.view.centreY = static_cast<float>(m_state.input->height()) * 0.5f;
        }
    }
    applyAnimationOptions();
    m_needsRun = true;
}

void App::post(ui::MessageLevel level, const std::string& text) {
    if (m_state.messages.size() >= kMaxMessages) {
        m_state.messages.erase(m_state.messages.begin());
    }
    m_state.messages.push_back(ui::Message{level, text});
    if (!m_options.screenshotPath.empty()) {
        // Headless runs have no one looking at the window: say it on stderr as well.
        const char* prefix = level == ui::MessageLevel::Error     ? "error: "
                             : level == ui::MessageLevel::Warning ? "warning: "
                                                                  : "";
        std::fprintf(stderr, "convis: %s%s\n", prefix, text.c_str());
    }
}

void App::onDrop(int count, const char** paths) {
    if (count <= 0 || paths == nullptr || paths[0] == nullptr) {
        return;
    }
    m_commands.push(ui::OpenImageFile{paths[0]});
    if (count > 1) {
        m_commands.push(ui::PostMessage{ui::MessageLevel::Info, "dropped " + std::to_string(count) +
                                                                    " files; opened the first"});
    }
}

void App::openImageFile(const std::string& path) {
    // Decoding a large photograph takes a second or more: it runs on the loader thread, and the
    // newest request wins if several are made meanwhile.
    const std::uint64_t generation = ++m_loadGeneration;
    auto result = std::make_shared<LoadResult>();
    m_state.loadingImage = std::filesystem::path(path).filename().string();
    m_loader.submit(
        [path, result](JobControl&) {
            try {
                result->image = std::make_shared<const Image>(loadImage(path));
            } catch (const std::exception& e) {
                result->error = e.what();
            }
        },
        [this, path, result, generation] {
            if (generation != m_loadGeneration) {
                return;  // superseded by a newer open
            }
            m_state.loadingImage.clear();
            finishOpen(path, *result);
        });
}

void App::finishOpen(const std::string& path, const LoadResult& result) {
    if (!result.image) {
        // The current image stays; the message names the file and the reason.
        post(ui::MessageLevel::Error, "cannot open image: " + result.error);
        return;
    }
    if (!setImage(result.image, std::filesystem::path(path).filename().string())) {
        return;
    }
    // Absolute, so the recent list still works when convis is started from another folder.
    std::error_code error;
    const std::filesystem::path absolute = std::filesystem::absolute(path, error);
    rememberRecent(m_state.recentFiles, error ? path : absolute.lexically_normal().string(),
                   kMaxRecent);
    if (m_options.screenshotPath.empty()) {
        try {
            saveRecent(m_paths.recentFile, m_state.recentFiles);
        } catch (const std::exception& e) {
            post(ui::MessageLevel::Warning, std::string("recent files not saved: ") + e.what());
        }
    }
    post(ui::MessageLevel::Info, "opened " + path);
}

bool App::setImage(std::shared_ptr<const Image> image, std::string name) {
    if (!image || image->empty()) {
        post(ui::MessageLevel::Error, "the image is empty");
        return false;
    }
    if (m_maxTextureSize > 0 && std::max(image->width(), image->height()) > m_maxTextureSize) {
        // The filter could run, but the window could not show it: refuse it up front.
        post(ui::MessageLevel::Error, name + " is " + std::to_string(image->width()) + "x" +
                                          std::to_string(image->height()) +
                                          " px; this GPU shows at most " +
                                          std::to_string(m_maxTextureSize) +
                                          " px a side (convis apply can still filter it)");
        return false;
    }
    m_producer->cancel();
    m_state.input = std::move(image);
    m_state.imageName = std::move(name);
    noteSettingChange("image: " + m_state.imageName);
    m_state.output.reset();
    m_state.outputCurrent = false;
    m_showOutput = false;
    m_inputTexture.upload(*m_state.input, gl::Filter::Linear);
    m_state.view.fit = true;
    m_needsRun = true;
    return true;
}

void App::setRequest(const ConvRequest& request, const std::string& presetId) {
    try {
        request.validate();
    } catch (const InputError& e) {
        post(ui::MessageLevel::Error, std::string("kernel refused: ") + e.what());
        return;
    }
    if (request == m_state.request && presetId == m_state.presetId) {
        return;
    }
    if (!presetId.empty() && presetId != m_state.presetId) {
        // Signed presets (edge detectors) switch the signed colour map on, others off.
        m_state.view.diverging = presetIsSigned(presetId);
    }
    m_state.request = request;
    m_state.presetId = presetId;
    noteSettingChange("kernel: " + (presetId.empty() ? std::string("edited") : presetId));
    m_state.outputCurrent = false;
    m_needsRun = true;
}

void App::setThreads(int threads) {
    const int resolved = resolveThreadCount(threads, m_state.maxThreads);
    if (resolved == resolveThreadCount(m_state.threads, m_state.maxThreads)) {
        return;
    }
    m_state.threads = resolved;
    noteSettingChange("threads: " + std::to_string(resolved));
    const Backend* backend = m_registry.find(m_state.backendId);
    if (backend != nullptr && backend->info().kind == BackendKind::CpuParallel) {
        m_state.outputCurrent = false;
        m_needsRun = true;
    }
}

void App::selectBackend(const std::string& id) {
    const Backend* backend = m_registry.find(id);
    if (backend == nullptr) {
        post(ui::MessageLevel::Error,
             "no backend called '" + id + "'; keeping " + m_state.backendId);
        return;
    }
    const BackendInfo info = backend->info();
    if (!info.available) {
        post(ui::MessageLevel::Warning, info.label + " is unavailable: " + info.reason);
        return;
    }
    if (m_state.backendId != id) {
        m_state.backendId = id;
        m_state.outputCurrent = false;
        m_needsRun = true;
    }
}

void App::startRun() {
    m_needsRun = false;
    if (!m_state.input) {
        return;
    }
    ++m_generation;
    m_state.outputCurrent = false;
    m_state.run.running = true;
    m_state.run.progress = 0.0;
    m_state.run.backendId = m_state.backendId;
    m_resultPending = true;
    m_producer->start(ProduceRequest{m_state.input, m_state.request, m_state.backendId,
                                     m_generation, m_state.threads});
}

void App::collectResults() {
    for (ProduceOutcome& outcome : m_producer->collect()) {
        if (outcome.generation == m_generation) {
            m_resultPending = false;
        }
        switch (outcome.status) {
            case ProduceOutcome::Status::Done: {
                m_state.output = outcome.output;
                m_showOutput = true;
                m_state.outputCurrent = outcome.generation == m_generation;
                m_state.last.valid = true;
                m_state.last.backendLabel = outcome.backendLabel;
                m_state.last.milliseconds = outcome.timing.totalMilliseconds;
                m_state.last.stages = outcome.timing.stages;
                const double pixels = static_cast<double>(m_state.output->pixelCount());
                m_state.last.megapixelsPerSecond =
                    outcome.timing.totalMilliseconds > 0.0
                        ? pixels / (outcome.timing.totalMilliseconds * 1000.0)
                        : 0.0;
                if (m_state.runHistory.size() >= ui::kMaxRunHistory) {
                    m_state.runHistory.erase(m_state.runHistory.begin());
                }
                m_state.runHistory.push_back(ui::RunRecord{
                    outcome.backendId, outcome.timing.totalMilliseconds, outcome.timing.stages,
                    m_state.output->pixelCount(), outcome.generation, m_state.settingEpoch,
                    m_state.output->width(), m_state.output->height()});
                m_framesSinceResult = 0;
                break;
            }
            case ProduceOutcome::Status::Cancelled:
                break;
            case ProduceOutcome::Status::Failed:
                post(ui::MessageLevel::Error,
                     (outcome.backendLabel.empty() ? std::string("run") : outcome.backendLabel) +
                         " failed: " + outcome.error);
                m_framesSinceResult = 0;
                break;
        }
    }
    m_state.run.running = m_producer->busy();
    m_state.run.progress = m_producer->progress();
    const ProducerStatus status = m_producer->status();
    m_state.producer = ui::ProducerBadge{status.interop, status.text};
}

void App::executeCommands() {
    for (const ui::Command& command : m_commands.take()) {
        execute(command);
    }
}

void App::execute(const ui::Command& command) {
    std::visit(
        Overloaded{
            [this](const ui::OpenImageFile& c) { openImageFile(c.path); },
            [this](const ui::OpenBundledImage& c) {
                try {
                    setImage(std::make_shared<const Image>(loadBundledImage(c.name)), c.name);
                } catch (const std::exception& e) {
                    post(ui::MessageLevel::Error, std::string("cannot open image: ") + e.what());
                }
            },
            [this](const ui::OpenPattern& c) {
                try {
                    setImage(std::make_shared<const Image>(makePattern(c.id, c.width, c.height)),
                             "pattern: " + c.id);
                } catch (const std::exception& e) {
                    post(ui::MessageLevel::Error, std::string("cannot make pattern: ") + e.what());
                }
            },
            [this](const ui::SetRequest& c) { setRequest(c.request, c.presetId); },
            [this](const ui::SelectBackend& c) { selectBackend(c.id); },
            [this](const ui::SetThreads& c) { setThreads(c.threads); },
            [this](const ui::RunNow&) { startRun(); },
            [this](const ui::CancelRun&) {
                m_producer->cancel();
                post(ui::MessageLevel::Info, "run cancelled; the previous output stays");
            },
            [this](const ui::SetLive& c) {
                m_state.live = c.live;
                if (c.live && !m_state.outputCurrent) {
                    m_needsRun = true;
                }
            },
            [this](const ui::SetEveryFrame& c) { m_state.everyFrame = c.everyFrame; },
            [this](const ui::SaveOutput&) { saveOutput(); },
            [this](const ui::TakeScreenshot&) { m_screenshotRequested = true; },
            [this](const ui::LoadKernelFile& c) {
                try {
                    ConvRequest request = m_state.request;
                    request.kernel = loadKernelFile(c.path);
                    request.divisor = 1.0f;
                    setRequest(request, {});
                    post(ui::MessageLevel::Info,
                         "kernel loaded from " + c.path + " (divisor 1: Normalise for a blur)");
                } catch (const std::exception& e) {
                    post(ui::MessageLevel::Error, std::string("cannot load kernel: ") + e.what());
                }
            },
            [this](const ui::SaveKernelFile& c) {
                try {
                    saveKernelFile(m_state.request.kernel, c.path);
                    post(ui::MessageLevel::Info, "kernel saved to " + c.path);
                } catch (const std::exception& e) {
                    post(ui::MessageLevel::Error, std::string("kernel not saved: ") + e.what());
                }
            },
            [this](const ui::PostMessage& c) { post(c.level, c.text); },
            [this](const ui::ClearMessages&) { m_state.messages.clear(); },
            [this](const ui::Quit&) { m_quit = true; },
            [this](const ui::RunGpuTrace&) { runGpuTrace(); },
            [this](const ui::CompareBackends&) { compareBackends(); },
            [this](const ui::ExportAnimation& c) { exportAnimation(c); },
            [this](const ui::StartSweep& c) { startSweep(c.settings); },
            [this](const ui::CancelSweep&) { m_sweeper.cancel(); },
            [this](const ui::ExportData& c) { exportData(c); },
            [this](const ui::CaptureRegion& c) { m_capture = c; },
            [this](const ui::CapturePanel& c) { startPanelCapture(c); },
            [this](const ui::CancelPanelCapture&) {
                if (m_state.panelCapture.active) {
                    m_state.panelCapture.cancelRequested = true;
                }
            },
            [this](const ui::ProveOrderWholeImage& c) { proveOrderWholeImage(c.seed); },
            [this](const ui::CancelOrderProof&) {
                m_prover.cancel();
                if (!m_prover.busy() && m_state.orderProof.running) {
                    // Cancelled before it started: its completion will never run.
                    m_state.orderProof.running = false;
                    m_state.orderProof.error = "cancelled";
                }
            },
        },
        command);
}

std::string App::exportPath(const std::string& stem) const {
    return exportFilePath(m_state.exportDir, stem);
}

void App::saveOutput() {
    if (!m_state.output) {
        post(ui::MessageLevel::Warning, "nothing to save yet: run the filter first");
        return;
    }
    try {
        const std::string preset = m_state.presetId.empty() ? "custom" : m_state.presetId;
        const std::string path =
            exportPath("convis-output-" + fileStem(m_state.imageName) + "-" + fileStem(preset));
        savePng(*m_state.output, path);
        m_state.lastExportPath = path;
        post(ui::MessageLevel::Info, "output saved: " + path);
    } catch (const std::exception& e) {
        post(ui::MessageLevel::Error, std::string("output not saved: ") + e.what());
    }
}

bool App::writeScreenshot(const std::string& path) {
    int width = 0;
    int height = 0;
    m_window.framebufferSize(width, height);
    try {
        savePng(gl::readFramebuffer(width, height), path);
        m_state.lastExportPath = path;
        post(ui::MessageLevel::Info, "screenshot saved: " + path);
        if (!m_options.infoPath.empty()) {
            writeScreenshotInfo(m_options.infoPath, width, height);
        }
        return true;
    } catch (const std::exception& e) {
        post(ui::MessageLevel::Error, std::string("screenshot not saved: ") + e.what());
        return false;
    }
}

void App::writeScreenshotInfo(const std::string& path, int width, int height) {
    // Pane rectangles in framebuffer pixels, so tests can crop the input and output regions.
    const ImVec2 scale = ImGui::GetIO().DisplayFramebufferScale;
    const ui::CanvasRects& c = m_state.canvas;
    const auto rect = [&](float x, float y, float w, float h) {
        return nlohmann::json{
            {"x", x * scale.x}, {"y", y * scale.y}, {"w", w * scale.x}, {"h", h * scale.y}};
    };
    nlohmann::json json;
    json["width"] = width;
    json["height"] = height;
    json["view"] = m_options.view.empty() ? "settings" : m_options.view;
    json["zoom"] = m_state.view.zoom;
    json["canvas"] = rect(c.x, c.y, c.width, c.height);
    json["inputPane"] = rect(c.inputX, c.inputY, c.inputW, c.inputH);
    json["outputPane"] = rect(c.outputX, c.outputY, c.outputW, c.outputH);
    json["outputCurrent"] = m_state.outputCurrent;
    const ui::AnimationGridRect& g = m_state.animationGrid;
    json["animationGrid"] = {{"x", g.x * scale.x},       {"y", g.y * scale.y},
                             {"cell", g.cell * scale.x}, {"columns", g.columns},
                             {"rows", g.rows},           {"group", g.group}};
    json["image"] = {{"name", m_state.imageName},
                     {"width", m_state.input ? m_state.input->width() : 0},
                     {"height", m_state.input ? m_state.input->height() : 0}};
    json["presetId"] = m_state.presetId;
    json["backendId"] = m_state.backendId;
    json["runs"] = m_state.runHistory.size();
    json["everyFrame"] = m_state.everyFrame;
    const auto pixels = [](const PixelRect& r) {
        return nlohmann::json{{"x", r.x}, {"y", r.y}, {"w", r.width}, {"h", r.height}};
    };
    json["panelCapture"] = pixels(m_panelCaptureRect);
    json["panelCapture"]["written"] = m_state.panelCapture.written;
    json["chartCapture"] = pixels(m_lastCaptureRect);
    const ui::OrderProofState& proof = m_state.orderProof;
    json["orderProof"] = {{"valid", proof.valid},
                          {"identical", proof.identical},
                          {"differingPixels", proof.differingPixels},
                          {"pixels", proof.pixels},
                          {"error", proof.error}};
    json["sweepFrames"] = {{"frames", m_sweepFrames},
                           {"seconds", m_sweepSeconds},
                           {"maxFrameMs", m_sweepMaxFrameMs},
                           {"medianFrameMs", summarize(m_sweepFrameMs).median}};
    json["messages"] = nlohmann::json::array();
    for (const ui::Message& message : m_state.messages) {
        json["messages"].push_back(message.text);
    }
    writeFileAtomically(path, std::string_view(json.dump(2) + "\n"));
}

bool App::screenshotDue() {
    if (m_options.screenshotPath.empty()) {
        return false;
    }
    // Every-frame runs never settle: after the asked-for frames (counted once the --runs are
    // done), start no more and let the last one finish, so the picture shows it and its timing.
    if (!timingBusy() && ++m_framesAfterStartupRuns >= m_options.frames) {
        m_everyFrameHeld = true;
    }
    if (m_frameCount < m_options.frames) {
        return false;
    }
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    if (elapsed > kScreenshotTimeoutSeconds) {
        post(ui::MessageLevel::Warning, "the run did not finish in time; screenshot taken anyway");
        return true;
    }
    // Wait for the run to finish and for two frames to show its result.
    const bool settled = !timingBusy() && !m_resultPending && !m_loader.busy() && !analysisBusy() &&
                         !m_state.orderProof.running && m_state.loadingImage.empty() &&
                         !m_producer->busy() && !m_needsRun && m_commands.empty() &&
                         m_framesSinceResult >= 2;
    // Captures asked for on the command line run once the window shows its final content,
    // and the screenshot waits two more frames, so it shows the same as they do.
    return settled && !startupCapturesPending() && m_framesSinceCapture >= 2;
}

bool App::startupCapturesPending() {
    if (!m_options.animCapturePanel.empty() && !m_startupPanelCaptureAsked) {
        m_startupPanelCaptureAsked = true;
        m_commands.push(
            ui::CapturePanel{m_options.animCaptureFrames, m_options.animCapturePanel, "cli"});
        return true;
    }
    if (!m_options.exportChartPng.empty() && !m_startupChartPngAsked) {
        m_startupChartPngAsked = true;
        // The tab's own PNG button, pressed on the next frame: the very command it issues.
        m_captureDestination = m_options.exportChartPng;
        if (m_options.tab == "sweep") {
            m_sweepPanel->pressPngButton();
        } else {
            m_timingPanel->pressPngButton();
        }
        m_framesSinceCapture = 0;
        return true;
    }
    if (m_captureDestination && !m_capture && m_framesSinceCapture > kPressFrames) {
        // The tab drew no PNG button to press (the Sweep tab before any sweep).
        m_captureDestination.reset();
        m_captureFailed = true;
        post(ui::MessageLevel::Error,
             "--export-chart-png: the tab shows no chart to save (the Sweep tab needs "
             "--sweep-file or --sweep-to)");
    }
    return m_state.panelCapture.active || m_framesInFlight > 0 || m_capture.has_value() ||
           m_captureDestination.has_value();
}

void App::drawFrame() {
    const auto now = std::chrono::steady_clock::now();
    if (m_sweeper.busy() && m_frameCount > 0) {
        const double seconds = std::chrono::duration<double>(now - m_lastFrame).count();
        ++m_sweepFrames;
        m_sweepSeconds += seconds;
        m_sweepMaxFrameMs = std::max(m_sweepMaxFrameMs, seconds * 1000.0);
        m_sweepFrameMs.push_back(seconds * 1000.0);
    }
    m_lastFrame = now;
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    if (!m_options.screenshotPath.empty()) {
        // No pointer in screenshot runs: what they show must not depend on where the X server
        // left the cursor (a hover tooltip over a chart, a highlighted button).
        ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    }
    ImGui::NewFrame();
    ui::UiContext context{m_state, m_commands, *m_presenter, m_keys};
    m_ui.draw(context);
    ImGui::Render();
    int width = 0;
    int height = 0;
    m_window.framebufferSize(width, height);
    CONVIS_GL_CHECK(glViewport(0, 0, width, height));
    CONVIS_GL_CHECK(glClearColor(0.09f, 0.10f, 0.12f, 1.0f));
    CONVIS_GL_CHECK(glClear(GL_COLOR_BUFFER_BIT));
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    gl::checkErrors("ImGui_ImplOpenGL3_RenderDrawData", __FILE__, __LINE__);
    ++m_frameCount;
    ++m_framesSinceResult;
    if (m_capture) {
        capturePendingRegion();
        m_framesSinceCapture = 0;
    }
    capturePanelFrame();
    ++m_framesSinceCapture;
    if (m_screenshotRequested) {
        m_screenshotRequested = false;
        try {
            writeScreenshot(exportPath("convis-screenshot"));
        } catch (const std::exception& e) {
            post(ui::MessageLevel::Error, std::string("screenshot not saved: ") + e.what());
        }
    }
    if (m_options.quitAfterFrames > 0 && m_frameCount >= m_options.quitAfterFrames) {
        m_quit = true;
    }
    if (screenshotDue()) {
        // A capture asked for on the command line that failed fails the run (its message is
        // on stderr already).
        m_exitCode = writeScreenshot(m_options.screenshotPath) && !m_captureFailed ? 0 : 2;
        m_quit = true;
    }
    glfwSwapBuffers(m_window.handle());
}

int App::run() {
    const bool headless = !m_options.screenshotPath.empty();
    while (!m_quit && !m_window.shouldClose()) {
        // Idle: sleep until an event arrives; a running job wakes the loop when it finishes and
        // refreshes the progress bar at 30 Hz meanwhile.
        if (headless || m_activeFrames > 0) {
            glfwPollEvents();
        } else if (m_producer->busy() || m_loader.busy() || analysisBusy() || m_sweeper.busy() ||
                   m_frameWriter.busy() || m_prover.busy()) {
            glfwWaitEventsTimeout(1.0 / 30.0);
        } else {
            glfwWaitEvents();
            m_activeFrames = 3;
        }
        m_loader.poll();
        m_tracer.poll();
        m_comparer.poll();
        m_animationExporter.poll();
        m_frameWriter.poll();
        collectOrderProof();
        collectResults();
        collectSweep();
        startNextStartupRun();
        const bool hadCommands = !m_commands.empty();
        executeCommands();
        if (m_needsRun && (m_state.live || headless)) {
            startRun();
        } else if (m_state.everyFrame && !m_everyFrameHeld && !m_resultPending &&
                   !m_producer->busy()) {
            startRun();
        }
        drawFrame();
        saveChangedSettings();
        const ImGuiIO& io = ImGui::GetIO();
        const bool input = io.MouseDelta.x != 0.0f || io.MouseDelta.y != 0.0f ||
                           io.MouseWheel != 0.0f || ImGui::IsAnyMouseDown() ||
                           ImGui::IsAnyItemActive() || !io.InputQueueCharacters.empty();
        // A playing animation keeps the loop drawing: it advances by real frame time.
        const bool animating = std::exchange(m_state.animating, false);
        if (input || hadCommands || !m_commands.empty() || m_producer->busy() || m_loader.busy() ||
            analysisBusy() || m_sweeper.busy() || m_frameWriter.busy() || m_prover.busy() ||
            m_state.panelCapture.active || animating || m_state.everyFrame) {
            m_activeFrames = 3;  // ImGui settles hover and popups over a couple of frames
        } else if (m_activeFrames > 0) {
            --m_activeFrames;
        }
    }
    return m_exitCode;
}

}  // namespace convis
