// The animation panel captured as drawn on screen: frame by frame the panel sets its clock and
// draws, the app reads the tracks' rectangle back after ImGui renders (on the main thread, where
// GL lives) and a job thread encodes and writes the PNG atomically, one frame at a time.
#include <imgui.h>

#include <filesystem>
#include <memory>
#include <system_error>

#include "app/app.hpp"
#include "app/window_region.hpp"
#include "core/animation_frame.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/image_io.hpp"
#include "gl/capture.hpp"

namespace convis {

namespace {

constexpr int kMaxCaptureFrames = 10000;

}  // namespace

void App::startPanelCapture(const ui::CapturePanel& request) {
    ui::PanelCapture& capture = m_state.panelCapture;
    if (capture.active || m_framesInFlight > 0) {
        post(ui::MessageLevel::Warning, "a panel capture is running already");
        return;
    }
    if (request.frames < 1 || request.frames > kMaxCaptureFrames) {
        failPanelCapture("panel capture not started: frames must be 1 to " +
                         std::to_string(kMaxCaptureFrames));
        return;
    }
    std::string folder = request.folder;
    try {
        if (folder.empty()) {
            const std::string stem = exportPath("animation-panel-" + request.name);
            folder = stem.substr(0, stem.size() - 4);  // without ".png"
        }
        std::error_code error;
        std::filesystem::create_directories(folder, error);
        if (error) {
            throw IoError(folder + ": cannot create the folder: " + error.message());
        }
        // An unwritable folder fails here, in one line, before any frame is drawn.
        checkWritableTarget((std::filesystem::path(folder) / frameFileName(0)).string());
    } catch (const std::exception& e) {
        failPanelCapture(std::string("panel capture not started: ") + e.what());
        return;
    }
    capture = ui::PanelCapture{};
    capture.active = true;
    capture.frames = request.frames;
    capture.folder = folder;
    m_panelCaptureRect = PixelRect{};
}

void App::capturePanelFrame() {
    ui::PanelCapture& capture = m_state.panelCapture;
    if (!capture.active) {
        return;
    }
    const int drawn = std::exchange(capture.drawn, -1);
    if (!capture.problem.empty()) {
        if (m_framesInFlight == 0) {
            failPanelCapture("panel capture stopped: " + capture.problem);
        }
        return;
    }
    if (capture.cancelRequested) {
        if (m_framesInFlight == 0) {
            finishPanelCapture(ui::MessageLevel::Info,
                               "panel capture cancelled: " + std::to_string(capture.written) +
                                   " of " + std::to_string(capture.frames) + " frames kept in " +
                                   capture.folder);
        }
        return;
    }
    // One frame in flight at a time: the next is drawn and read once the last is on disk.
    if (capture.next >= capture.frames || drawn != capture.next || m_framesInFlight > 0) {
        return;
    }
    std::shared_ptr<const Image> frame;
    try {
        int height = 0;
        const PixelRect rect =
            framebufferRegion(capture.x, capture.y, capture.width, capture.height, height);
        if (rect.empty()) {
            failPanelCapture("panel capture stopped: the tracks are off screen");
            return;
        }
        if (!m_panelCaptureRect.empty() &&
            (rect.width != m_panelCaptureRect.width || rect.height != m_panelCaptureRect.height)) {
            // A resized window mid-capture would give frames of mixed sizes: no video takes them.
            failPanelCapture("panel capture stopped at frame " + std::to_string(capture.next) +
                             ": the panel changed size; capture again");
            return;
        }
        m_panelCaptureRect = rect;
        frame = std::make_shared<const Image>(
            gl::readFramebufferRegion(rect.x, rect.y, rect.width, rect.height, height));
    } catch (const std::exception& e) {
        failPanelCapture(std::string("panel capture stopped: ") + e.what());
        return;
    }
    const int index = capture.next++;
    const std::string path =
        (std::filesystem::path(capture.folder) / frameFileName(index)).string();
    auto error = std::make_shared<std::string>();
    ++m_framesInFlight;
    m_frameWriter.submit(
        [frame, path, error](JobControl&) {
            try {
                writeFileAtomically(path, encodePng(*frame));
            } catch (const std::exception& e) {
                *error = e.what();
            }
        },
        [this, error, index] {
            --m_framesInFlight;
            ui::PanelCapture& c = m_state.panelCapture;
            if (!c.active) {
                return;
            }
            if (!error->empty()) {
                failPanelCapture("panel capture stopped at frame " + std::to_string(index) + ": " +
                                 *error);
                return;
            }
            ++c.written;
            if (c.written == c.frames) {
                finishPanelCapture(ui::MessageLevel::Info,
                                   "panel capture: " + std::to_string(c.frames) + " frames of " +
                                       std::to_string(m_panelCaptureRect.width) + "x" +
                                       std::to_string(m_panelCaptureRect.height) + " saved in " +
                                       c.folder);
            }
        });
}

void App::finishPanelCapture(ui::MessageLevel level, const std::string& text) {
    const std::string folder = m_state.panelCapture.folder;
    const int written = m_state.panelCapture.written;
    m_state.panelCapture.active = false;
    m_state.panelCapture.drawn = -1;
    m_framesSinceCapture = 0;
    if (written > 0) {
        m_state.lastExportPath = folder;
    }
    post(level, text);
}

void App::failPanelCapture(const std::string& text) {
    m_captureFailed = true;
    finishPanelCapture(ui::MessageLevel::Error, text);
}

}  // namespace convis
