// The animation panel: its clock, playback state and the layout of the tracks.
#include "ui/animation_panel.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/animation_frame.hpp"
#include "ui/animation_text.hpp"

namespace convis::ui {

using namespace anim;

bool parseAnimationMode(const std::string& name, AnimationMode& mode) {
    const std::pair<const char*, AnimationMode> names[] = {
        {"sequential", AnimationMode::Sequential}, {"threads", AnimationMode::Threads},
        {"gpu-waves", AnimationMode::GpuWaves},    {"gpu-measured", AnimationMode::GpuMeasured},
        {"shuffled", AnimationMode::Shuffled},
    };
    for (const auto& [text, value] : names) {
        if (name == text) {
            mode = value;
            return true;
        }
    }
    return false;
}

AnimationPanel::AnimationPanel() : Panel("Animation") {}

void AnimationPanel::configure(AnimationMode mode, double fraction, bool playing) {
    m_mode = mode;
    m_pendingFraction = std::clamp(fraction, 0.0, 1.0);
    m_playing = playing;
}

void AnimationPanel::setRegion(const Region& region) {
    m_region = region;
    m_regionSet = true;
}

double AnimationPanel::duration() const {
    return std::max(m_primary.schedule.duration,
                    m_reference.schedule.events.empty() ? 0.0 : m_reference.schedule.duration);
}

double AnimationPanel::stepBoundary(bool forward) const {
    // The next (or previous) moment something starts or ends: one output in raster order, one
    // wave, one block boundary of the measured trace.
    double best = forward ? duration() : 0.0;
    for (const Track* track : {&m_primary, &m_reference}) {
        for (const OutputEvent& e : track->schedule.events) {
            for (double t : {e.start, e.end}) {
                if (forward && t > m_time + 1e-9) {
                    best = std::min(best, t);
                } else if (!forward && t < m_time - 1e-9) {
                    best = std::max(best, t);
                }
            }
        }
    }
    return best;
}

void AnimationPanel::followCapture(const PanelCapture& capture) {
    if (capture.active) {
        if (!m_capturing) {  // the first frame: keep the clock to put back afterwards
            m_capturing = true;
            m_timeBeforeCapture = m_time;
            m_playingBeforeCapture = m_playing;
        }
        m_playing = false;
        m_time =
            evenFrameTime(duration(), std::min(capture.next, capture.frames - 1), capture.frames);
    } else if (m_capturing) {
        m_capturing = false;
        m_time = std::min(m_timeBeforeCapture, duration());
        m_playing = m_playingBeforeCapture;
    }
}

ClockUnit AnimationPanel::unit() const {
    return m_primary.schedule.unit;
}

void AnimationPanel::drawContent(UiContext& context) {
    AppState& state = context.state;
    PanelCapture& capture = state.panelCapture;
    if (!state.input || state.input->empty()) {
        ImGui::TextDisabled("No image: open one from the File menu.");
        if (capture.active) {
            capture.problem = "no image to animate";
        }
        return;
    }
    rebuild(context);
    if (m_pendingFraction >= 0.0 && !m_primary.schedule.events.empty()) {  // e.g. trace arrived
        m_time = m_pendingFraction * duration();
        m_pendingFraction = -1.0;
    }
    followCapture(capture);
    const ClockUnit unit = m_primary.schedule.unit;
    if (m_playing) {
        const double dt = std::min(static_cast<double>(ImGui::GetIO().DeltaTime), kMaxFrameSeconds);
        m_time = advanceClock(m_time, dt, std::pow(10.0, static_cast<double>(m_speedLog10)), unit,
                              duration());
        if (m_time >= duration()) {
            m_playing = false;
        }
    }
    state.animating = m_playing || m_capturing;  // keeps the frame loop drawing
    drawControls(context);

    // The output values: the traced launch's own result for the replay, else the backend's.
    const Image* output = nullptr;
    bool outputCurrent = false;
    if (m_mode == AnimationMode::GpuMeasured && state.gpuTrace.trace) {
        output = &state.gpuTrace.trace->output;
        outputCurrent =
            state.gpuTrace.image == state.input && state.gpuTrace.request == state.request;
    } else if (state.output && state.output->width() == state.input->width() &&
               state.output->height() == state.input->height()) {
        output = state.output.get();
        outputCurrent = state.outputCurrent;
    }
    if (!m_error.empty()) {
        ImGui::TextColored(ImVec4(1.0f, 0.7f, 0.3f, 1.0f), "%s", m_error.c_str());
        if (capture.active) {
            capture.problem = m_error;
        }
        return;
    }
    if (output == nullptr) {
        ImGui::TextDisabled("No output yet: run the filter (cells show where, not what).");
    } else if (!outputCurrent) {
        ImGui::TextColored(ImVec4(1.0f, 0.7f, 0.3f, 1.0f),
                           "The values shown are from an earlier output: run the filter again.");
    }

    const int group = std::max(
        1, (std::max(m_region.width, m_region.height) + kMaxCellsPerSide - 1) / kMaxCellsPerSide);
    const int cellsW = (m_region.width + group - 1) / group;
    const int cellsH = (m_region.height + group - 1) / group;
    const bool two = !m_reference.schedule.events.empty();
    const float gap = 16.0f * state.contentScale;
    const float lineH = ImGui::GetTextLineHeightWithSpacing();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float paneW = two ? (avail.x - gap) * 0.5f : avail.x;
    const float cell =
        std::clamp(std::floor(std::min(paneW / static_cast<float>(cellsW),
                                       (avail.y - 7.0f * lineH) / static_cast<float>(cellsH))),
                   1.0f, 32.0f);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float primaryX = two ? start.x + static_cast<float>(cellsW) * cell + gap : start.x;
    state.animationGrid =
        AnimationGridRect{primaryX, start.y + kHeaderLines * lineH, cell, cellsW, cellsH, group};
    if (capture.active) {
        // The tracks with their titles, counters and footers: what the capture reads back.
        // Only the part this panel shows: scrolled out of view, other windows are drawn there.
        const ImVec2 end(
            start.x + static_cast<float>(cellsW) * cell * (two ? 2.0f : 1.0f) + (two ? gap : 0.0f),
            start.y + static_cast<float>(cellsH) * cell + (kHeaderLines + 1.0f) * lineH);
        const ImVec2 clipMin = ImGui::GetWindowDrawList()->GetClipRectMin();
        const ImVec2 clipMax = ImGui::GetWindowDrawList()->GetClipRectMax();
        capture.x = std::max(start.x, clipMin.x);
        capture.y = std::max(start.y, clipMin.y);
        capture.width = std::max(0.0f, std::min(end.x, clipMax.x) - capture.x);
        capture.height = std::max(0.0f, std::min(end.y, clipMax.y) - capture.y);
        capture.drawn = capture.next;
    }
    if (two) {
        drawTrack(context, m_reference, start, cell, group, output);
        drawTrack(context, m_primary,
                  ImVec2(start.x + static_cast<float>(cellsW) * cell + gap, start.y), cell, group,
                  output);
    } else {
        drawTrack(context, m_primary, start, cell, group, output);
    }
    ImGui::Dummy(
        ImVec2(avail.x, static_cast<float>(cellsH) * cell + (kHeaderLines + 1.0f) * lineH));
    if (group > 1) {
        ImGui::TextDisabled("Overview: each cell is %dx%d outputs (mean of the finished ones).",
                            group, group);
    }
    drawLegend(m_primary);
}

}  // namespace convis::ui
