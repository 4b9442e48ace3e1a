// The app's side of the timing, sweep and device tabs: machine facts, setting changes, the
// sweep job, data exports, PNGs of a window region, and the --runs start-up runs.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <mutex>

#include "app/app.hpp"
#include "app/exports.hpp"
#include "app/window_region.hpp"
#include "backends/device_facts.hpp"
#include "backends/sweep_runner.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/export_csv.hpp"
#include "core/export_json.hpp"
#include "core/file_read.hpp"
#include "core/image_io.hpp"
#include "core/kernel_presets.hpp"
#include "core/sweep.hpp"
#include "gl/capture.hpp"
#include "ui/device_panel.hpp"
#include "ui/sweep_panel.hpp"
#include "ui/timing_model.hpp"
#include "ui/timing_panel.hpp"

namespace convis {

namespace {

// In the startup run list, "kernel:ID" switches the kernel to preset ID (--then-kernel).
constexpr std::string_view kKernelStep = "kernel:";

}  // namespace

// Written by the sweep job, read by the main thread.
struct App::SweepShared {
    std::mutex mutex;
    std::string current;  // the case being measured
    std::optional<SweepOutcome> outcome;
    std::string error;
    double seconds = 0.0;
};

void App::initTimingPanels() {
    auto timing = std::make_unique<ui::TimingPanel>();
    m_timingPanel = timing.get();
    m_ui.addWorkspacePanel(std::move(timing));
    auto sweep = std::make_unique<ui::SweepPanel>();
    m_sweepPanel = sweep.get();
    m_ui.addWorkspacePanel(std::move(sweep));
    m_ui.addWorkspacePanel(std::make_unique<ui::DevicePanel>());

    const DeviceQuery gpu = queryDeviceFacts();
    m_state.machine.haveGpu = gpu.facts.has_value();
    if (gpu.facts) {
        m_state.machine.gpu = *gpu.facts;
    }
    m_state.machine.gpuReason = gpu.reason;
    m_state.machine.cpu = queryCpuFacts();
    m_state.machine.cpuCores = readCpuSummary().cores;

    // The image and animation tabs are chosen in app_analysis.cpp.
    const std::string& tab = m_options.tab;
    if (tab == "timing" || tab == "sweep" || tab == "device") {
        m_ui.selectWorkspaceTab(tab == "timing" ? "Timing" : tab == "sweep" ? "Sweep" : "Device");
    }
    if (!m_options.sweepFile.empty()) {
        try {
            constexpr std::uint64_t kMaxReportBytes = 512ull << 20;
            const std::vector<std::uint8_t> bytes =
                readInputFile(m_options.sweepFile, kMaxReportBytes);
            auto report = std::make_shared<TimingReport>(parseTimingReportJson(
                std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size())));
            m_state.sweep.status = "loaded " + m_options.sweepFile + " (" +
                                   std::to_string(report->records.size()) + " cases, " +
                                   report->createdUtc + ")";
            m_state.sweep.report = std::move(report);
        } catch (const std::exception& e) {
            // Like a bad option: the window does not open with a chart that is not there.
            throw InputError(m_options.sweepFile + ": cannot load the sweep: " + e.what());
        }
    }
    if (m_options.sweepTo > 0) {
        ui::SweepSettings settings = m_state.sweep.settings;
        settings.to = m_options.sweepTo;
        m_commands.push(ui::StartSweep{settings});
    }
    const int rounds = m_options.thenKernel.empty() ? 1 : 2;
    for (int round = 0; round < rounds; ++round) {
        if (round == 1) {
            // A step, not a backend: the second round runs with another kernel, so the timing
            // chart shows a setting change between the rounds.
            m_startupRuns.push_back(std::string(kKernelStep) + m_options.thenKernel);
        }
        for (int i = 0; i < m_options.runsPerBackend; ++i) {
            for (const BackendInfo& info : m_state.backends) {
                if (info.available) {
                    m_startupRuns.push_back(info.id);
                }
            }
        }
    }
}

void App::noteSettingChange(const std::string& what) {
    ++m_state.settingEpoch;
    m_state.settingChanges.push_back({m_state.settingEpoch, what});
    if (m_state.settingChanges.size() > ui::kMaxRunHistory) {
        m_state.settingChanges.erase(m_state.settingChanges.begin());
    }
}

void App::startSweep(const ui::SweepSettings& settings) {
    if (m_sweeper.busy()) {
        post(ui::MessageLevel::Warning, "a sweep is running already");
        return;
    }
    SweepPlan plan;
    try {
        plan.sides = sweepSides(settings.from, settings.to);
    } catch (const std::exception& e) {
        post(ui::MessageLevel::Error, e.what());
        return;
    }
    plan.kernelSizes = {settings.kernel};
    plan.samples = settings.samples;
    plan.threads = m_state.threads;  // the Backends panel's thread count for cpu-parallel
    plan.maxSequentialPixels =
        static_cast<long long>(settings.maxSequential) * settings.maxSequential;
    auto shared = std::make_shared<SweepShared>();
    m_sweepShared = shared;
    m_state.sweep.running = true;
    m_state.sweep.progress = 0.0;
    m_state.sweep.status = "starting";
    m_sweeper.submit(
        [plan, shared](JobControl& control) {
            const auto start = std::chrono::steady_clock::now();
            try {
                // Its own backends: the live runs use the app's at the same time.
                const BackendRegistry registry;
                SweepOutcome outcome =
                    runSweep(registry, plan, &control.cancelFlag(), [&](const SweepProgress& p) {
                        control.setProgress(p.fraction);
                        const std::lock_guard lock(shared->mutex);
                        // Appended piece by piece: GCC 12 warns (-Wrestrict, a false
                        // positive) on the one-expression form.
                        std::string text = "[";
                        text += std::to_string(p.done + 1);
                        text += "/";
                        text += std::to_string(p.total);
                        text += "] ";
                        text += p.current;
                        shared->current = std::move(text);
                    });
                const std::lock_guard lock(shared->mutex);
                shared->outcome = std::move(outcome);
            } catch (const std::exception& e) {
                const std::lock_guard lock(shared->mutex);
                shared->error = e.what();
            }
            shared->seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        },
        [this, shared] {
            m_state.sweep.running = false;
            const std::lock_guard lock(shared->mutex);
            if (!shared->error.empty()) {
                m_state.sweep.status = "sweep failed: " + shared->error;
                post(ui::MessageLevel::Error, m_state.sweep.status);
                return;
            }
            if (!shared->outcome) {
                m_state.sweep.status = "sweep cancelled before it started";
                return;
            }
            SweepOutcome& outcome = *shared->outcome;
            char seconds[32];
            std::snprintf(seconds, sizeof seconds, "%.1f s", shared->seconds);
            m_state.sweep.cancelled = outcome.cancelled;
            m_state.sweep.status =
                outcome.cancelled
                    ? "cancelled: " + std::to_string(outcome.report.records.size()) + " of " +
                          std::to_string(outcome.plannedCases) + " cases kept"
                    : "done: " + std::to_string(outcome.report.records.size()) + " cases in " +
                          seconds;
            m_state.sweep.report = std::make_shared<TimingReport>(std::move(outcome.report));
            post(ui::MessageLevel::Info, "sweep " + m_state.sweep.status);
        });
}

void App::collectSweep() {
    m_sweeper.poll();
    if (m_sweeper.busy() && m_sweepShared) {
        m_state.sweep.progress = m_sweeper.progress();
        const std::lock_guard lock(m_sweepShared->mutex);
        m_state.sweep.status = m_sweepShared->current;
    }
}

void App::exportData(const ui::ExportData& request) {
    try {
        TimingReport report;
        if (request.what == "sweep") {
            if (!m_state.sweep.report) {
                post(ui::MessageLevel::Warning, "no sweep to export yet");
                return;
            }
            report = *m_state.sweep.report;
        } else {
            std::optional<DeviceFacts> device;
            if (m_state.machine.haveGpu) {
                device = m_state.machine.gpu;
            }
            report = ui::historyReport(m_state.runHistory, readCpuSummary(), device);
            for (const ui::SettingChange& c : m_state.settingChanges) {
                report.notes.push_back("setting " + std::to_string(c.epoch) + ": " + c.what);
            }
        }
        const bool csv = request.format == ui::DataFormat::Csv;
        const std::string path =
            exportFilePath(m_state.exportDir, "convis-" + request.what, csv ? ".csv" : ".json");
        writeFileAtomically(path, csv ? timingReportCsv(report) : timingReportJson(report));
        m_state.lastExportPath = path;
        post(ui::MessageLevel::Info, request.what + " data saved: " + path);
    } catch (const std::exception& e) {
        post(ui::MessageLevel::Error, request.what + " data not saved: " + e.what());
    }
}

void App::capturePendingRegion() {
    if (!m_capture) {
        return;
    }
    const ui::CaptureRegion region = *m_capture;
    m_capture.reset();
    // --export-chart-png: this capture goes to the path given on the command line.
    const std::optional<std::string> destination = std::exchange(m_captureDestination, {});
    try {
        int height = 0;
        const PixelRect rect =
            framebufferRegion(region.x, region.y, region.width, region.height, height);
        if (rect.empty()) {
            post(ui::MessageLevel::Warning, "nothing to capture: the region is off screen");
            return;
        }
        const Image part =
            gl::readFramebufferRegion(rect.x, rect.y, rect.width, rect.height, height);
        const std::string path =
            destination ? *destination : exportFilePath(m_state.exportDir, region.stem);
        savePng(part, path);
        m_lastCaptureRect = rect;
        m_state.lastExportPath = path;
        post(ui::MessageLevel::Info, "picture saved: " + path);
    } catch (const std::exception& e) {
        if (destination) {
            m_captureFailed = true;
        }
        post(ui::MessageLevel::Error, std::string("picture not saved: ") + e.what());
    }
}

void App::startNextStartupRun() {
    if (m_startupRuns.empty() || m_resultPending || m_producer->busy() || m_needsRun ||
        !m_state.input || !m_state.loadingImage.empty()) {
        return;
    }
    const std::string id = m_startupRuns.front();
    m_startupRuns.erase(m_startupRuns.begin());
    if (id.starts_with(kKernelStep)) {
        const std::string preset = id.substr(kKernelStep.size());
        try {
            setRequest(makePreset(preset), preset);
        } catch (const InputError& e) {
            post(ui::MessageLevel::Error, std::string("kernel refused: ") + e.what());
        }
        return;
    }
    selectBackend(id);
    startRun();
}

bool App::timingBusy() const {
    return !m_startupRuns.empty() || m_sweeper.busy();
}

PixelRect App::framebufferRegion(float x, float y, float width, float height,
                                 int& framebufferHeight) const {
    int framebufferWidth = 0;
    m_window.framebufferSize(framebufferWidth, framebufferHeight);
    const ImVec2 scale = ImGui::GetIO().DisplayFramebufferScale;
    return framebufferRect(x, y, width, height, scale.x, scale.y, framebufferWidth,
                           framebufferHeight);
}

}  // namespace convis
