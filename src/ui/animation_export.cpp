// The animation panel's export row: PNG frames, MP4 and GIF rendered in core, and the panel
// captured as drawn on screen, with its progress bar and cancel.
#include "ui/animation_panel.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>

#include "ui/animation_text.hpp"

namespace convis::ui {

using namespace anim;

void AnimationPanel::drawExport(UiContext& context) {
    AppState& state = context.state;
    const float rowTop = ImGui::GetCursorPosY();
    if (state.panelCapture.active) {
        drawCaptureProgress(context);
        // Pad to the height the export row had, so the tracks below stay where they were.
        const float used = ImGui::GetCursorPosY() - rowTop;
        const float spacing = ImGui::GetStyle().ItemSpacing.y;
        if (m_exportRowHeight - used > spacing) {
            ImGui::Dummy(ImVec2(1.0f, m_exportRowHeight - used - spacing));
        }
        return;
    }
    const Image* output = nullptr;
    std::shared_ptr<const Image> owner;
    if (m_mode == AnimationMode::GpuMeasured && state.gpuTrace.trace) {
        // Shares the trace's lifetime: the image lives inside the traced launch.
        owner = std::shared_ptr<const Image>(state.gpuTrace.trace, &state.gpuTrace.trace->output);
    } else if (state.output && state.output->width() == state.input->width() &&
               state.output->height() == state.input->height()) {
        owner = state.output;
    }
    output = owner.get();
    const bool ready =
        output != nullptr && !m_primary.schedule.events.empty() && !state.exportingAnimation;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 3.5f);
    ImGui::InputInt("frames", &m_exportFrames, 0);
    m_exportFrames = std::clamp(m_exportFrames, 1, 10000);
    tooltip("Frames to export, evenly spaced from the start to the end of the schedule.");
    ImGui::SameLine();
    ImGui::TextUnformatted("Export:");
    const auto exportButton = [&](const char* label, const char* video, bool enabled,
                                  const char* help) {
        sameLineIfFits(label);
        ImGui::BeginDisabled(!ready || !enabled);
        if (ImGui::Button(label)) {
            ExportAnimation request;
            request.schedule = std::make_shared<const Schedule>(m_primary.schedule);
            request.region = m_region;
            request.output = owner;
            request.frames = m_exportFrames;
            request.video = video;
            request.name = modeName(m_mode);
            context.commands.push(std::move(request));
        }
        ImGui::EndDisabled();
        tooltip(help);
    };
    exportButton("PNG frames", "", true,
                 "Render the frames offscreen (cells only, about 512 pixels across) as "
                 "frame_00000.png ... in a new folder of the export folder.");
    const bool ffmpeg = !state.ffmpegPath.empty();
    exportButton("MP4", "mp4", ffmpeg,
                 ffmpeg ? "The PNG frames and an H.264 MP4 at 30 frames per second (ffmpeg)."
                        : "ffmpeg not found on PATH: install it for MP4 and GIF.");
    exportButton("GIF", "gif", ffmpeg,
                 ffmpeg ? "The PNG frames and a GIF at 30 frames per second (ffmpeg)."
                        : "ffmpeg not found on PATH: install it for MP4 and GIF.");
    sameLineIfFits("Panel as on screen");
    ImGui::BeginDisabled(m_primary.schedule.events.empty());
    if (ImGui::Button("Panel as on screen")) {
        context.commands.push(CapturePanel{m_exportFrames, {}, modeName(m_mode)});
    }
    ImGui::EndDisabled();
    tooltip(
        "Capture the tracks as drawn in this window (titles, counters and cells at screen "
        "resolution), one frame per step of the clock, as frame_00000.png ... in a new folder "
        "of the export folder. Keep this tab open while it runs.");
    if (state.exportingAnimation) {
        ImGui::SameLine();
        ImGui::TextDisabled("exporting...");
    }
    m_exportRowHeight = ImGui::GetCursorPosY() - rowTop;
}

void AnimationPanel::drawCaptureProgress(UiContext& context) {
    const PanelCapture& capture = context.state.panelCapture;
    char text[64];
    std::snprintf(text, sizeof text, "panel capture: %d of %d frames written", capture.written,
                  capture.frames);
    ImGui::ProgressBar(capture.frames > 0 ? static_cast<float>(capture.written) /
                                                static_cast<float>(capture.frames)
                                          : 0.0f,
                       ImVec2(ImGui::GetFontSize() * 20.0f, 0.0f), text);
    ImGui::SameLine();
    ImGui::BeginDisabled(capture.cancelRequested);
    if (ImGui::Button(capture.cancelRequested ? "Cancelling..." : "Cancel capture")) {
        context.commands.push(CancelPanelCapture{});
    }
    ImGui::EndDisabled();
    tooltip("Stop after the frame being written; the frames written so far stay.");
}

}  // namespace convis::ui
