// The animation panel's controls: mode, playback, speed, scrubbing, region, GPU trace.
#include "ui/animation_panel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "ui/animation_text.hpp"

namespace convis::ui {

using namespace anim;

void AnimationPanel::drawControls(UiContext& context) {
    AppState& state = context.state;
    for (AnimationMode mode :
         {AnimationMode::Sequential, AnimationMode::Threads, AnimationMode::GpuWaves,
          AnimationMode::GpuMeasured, AnimationMode::Shuffled}) {
        if (mode != AnimationMode::Sequential) {
            sameLineIfWidthFits(ImGui::CalcTextSize(modeLabel(mode)).x +
                                ImGui::GetFrameHeight() * 1.5f);
        }
        const bool disabled = mode == AnimationMode::GpuMeasured && !state.gpuTrace.available;
        ImGui::BeginDisabled(disabled);
        if (ImGui::RadioButton(modeLabel(mode), m_mode == mode)) {
            m_mode = mode;
            m_time = 0.0;
        }
        ImGui::EndDisabled();
        if (disabled) {
            tooltip(("Unavailable: " + state.gpuTrace.reason).c_str());
        } else {
            tooltip(modeTooltip(mode));
        }
    }
    sameLineIfWidthFits(ImGui::CalcTextSize("Sequential beside it").x +
                        ImGui::GetFrameHeight() * 2.0f);
    ImGui::Checkbox("Sequential beside it", &m_sideBySide);
    tooltip("Show cpu-sequential on the left, on the same clock (steps), to compare.");

    const double end = duration();
    if (ImGui::Button("Restart")) {
        m_time = 0.0;
        m_playing = true;
    }
    tooltip("Back to the start and play.");
    ImGui::SameLine();
    if (ImGui::ArrowButton("##back", ImGuiDir_Left)) {
        m_playing = false;
        m_time = stepBoundary(false);
    }
    tooltip("Step back to the previous moment an output starts or ends.");
    ImGui::SameLine();
    if (ImGui::Button(m_playing ? "Pause" : "Play", ImVec2(ImGui::GetFontSize() * 4.0f, 0.0f))) {
        if (!m_playing && m_time >= end) {
            m_time = 0.0;
        }
        m_playing = !m_playing;
    }
    tooltip("Play or pause. The clock runs on real elapsed time times the speed.");
    ImGui::SameLine();
    if (ImGui::ArrowButton("##forward", ImGuiDir_Right)) {
        m_playing = false;
        m_time = stepBoundary(true);
    }
    tooltip("Step forward to the next moment an output starts or ends.");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9.0f);
    char speed[32];
    std::snprintf(speed, sizeof speed, "speed %gx",
                  std::round(std::pow(10.0, static_cast<double>(m_speedLog10)) * 10.0) / 10.0);
    ImGui::SliderFloat("##speed", &m_speedLog10, -1.0f, 4.0f, speed);
    tooltip(unit() == ClockUnit::Steps
                ? "Playback speed, 0.1x to 10000x on a log scale: 1x is one step per second."
                : "Playback speed, 0.1x to 10000x on a log scale: 1x plays one microsecond of "
                  "GPU time per second.");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::max(ImGui::GetContentRegionAvail().x, 80.0f));
    const double zero = 0.0;
    const std::string clock = formatTime(m_time, unit()) + " of " + formatTime(end, unit());
    if (ImGui::SliderScalar("##time", ImGuiDataType_Double, &m_time, &zero, &end, clock.c_str())) {
        m_playing = false;
    }
    tooltip("Scrub: drag to any moment.");

    int region[4] = {m_region.x, m_region.y, m_region.width, m_region.height};
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16.0f);
    if (ImGui::InputInt4("region x, y, w, h", region)) {
        setRegion(Region{region[0], region[1], region[2], region[3]});
    }
    tooltip("The outputs animated: up to 64x64 as one cell each, up to 512x512 as an overview.");
    sameLineIfWidthFits(ImGui::CalcTextSize("Centre on pinned pixel").x +
                        ImGui::GetStyle().FramePadding.x * 2.0f);
    ImGui::BeginDisabled(!state.inspector.pinned);
    if (ImGui::Button("Centre on pinned pixel")) {
        setRegion(Region{state.inspector.x - m_region.width / 2,
                         state.inspector.y - m_region.height / 2, m_region.width, m_region.height});
    }
    ImGui::EndDisabled();
    tooltip("Pin a pixel in the Image tab (click it), then centre the region on it here.");
    if (m_mode == AnimationMode::GpuMeasured || state.gpuTrace.trace) {
        ImGui::SameLine();
        ImGui::BeginDisabled(!state.gpuTrace.available || state.gpuTrace.running);
        if (ImGui::Button(state.gpuTrace.running ? "Tracing..." : "Run GPU trace")) {
            context.commands.push(RunGpuTrace{});
        }
        ImGui::EndDisabled();
        tooltip(state.gpuTrace.available
                    ? "Launch the traced kernel once over the whole image and record every "
                      "block's SM and start and end times."
                    : ("Unavailable: " + state.gpuTrace.reason).c_str());
    }
    drawProof(context);
    drawExport(context);
    drawFacts(context);
}

}  // namespace convis::ui
