// The animation panel's cells: one track drawn as a grid of outputs (done, running,
// pending) with its header counters, and the worker colour legend.
#include "ui/animation_panel.hpp"

#include <algorithm>
#include <cstdio>

#include "core/animation_frame.hpp"
#include "ui/animation_text.hpp"

namespace convis::ui {

using namespace anim;

void AnimationPanel::drawTrack(UiContext& context, const Track& track, ImVec2 at, float cell,
                               int group, const Image* output) {
    const AppState& state = context.state;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Schedule& s = track.schedule;
    const PlaybackCounts counts = countAt(s, m_time);
    const int cellsW = (m_region.width + group - 1) / group;
    const int cellsH = (m_region.height + group - 1) / group;
    // Two header lines, clipped to the track's width so side-by-side headers never overlap.
    const float lineH = ImGui::GetTextLineHeightWithSpacing();
    char counters[128];
    std::snprintf(counters, sizeof counters, "%zu of %zu done, %s", counts.done, counts.total,
                  formatTime(std::min(m_time, s.duration), s.unit).c_str());
    draw->PushClipRect(at, ImVec2(at.x + static_cast<float>(cellsW) * cell, at.y + 2.0f * lineH),
                       true);
    draw->AddText(at, ImGui::GetColorU32(ImGuiCol_Text), s.title.c_str());
    draw->AddText(ImVec2(at.x, at.y + lineH), ImGui::GetColorU32(ImGuiCol_Text), counters);
    draw->PopClipRect();
    const float top = at.y + kHeaderLines * lineH;
    const ImU32 pending = IM_COL32(34, 37, 44, 255);
    for (int gy = 0; gy < cellsH; ++gy) {
        for (int gx = 0; gx < cellsW; ++gx) {
            int done = 0;
            int outputs = 0;
            int running = -1;
            int doneWorker = -1;
            double sum[3] = {0.0, 0.0, 0.0};
            for (int y = gy * group; y < std::min((gy + 1) * group, m_region.height); ++y) {
                for (int x = gx * group; x < std::min((gx + 1) * group, m_region.width); ++x) {
                    ++outputs;
                    const int index = track.eventAt[static_cast<std::size_t>(y) *
                                                        static_cast<std::size_t>(m_region.width) +
                                                    static_cast<std::size_t>(x)];
                    if (index < 0) {
                        continue;
                    }
                    const OutputEvent& e = s.events[static_cast<std::size_t>(index)];
                    if (e.end <= m_time) {
                        ++done;
                        doneWorker = e.worker;
                        if (output != nullptr) {
                            const std::uint8_t* p = output->pixel(e.x, e.y);
                            for (int c = 0; c < 3; ++c) {
                                sum[c] += p[c];
                            }
                        }
                    } else if (e.start <= m_time && running < 0) {
                        running = e.worker;
                    }
                }
            }
            const ImVec2 a(at.x + static_cast<float>(gx) * cell,
                           top + static_cast<float>(gy) * cell);
            const ImVec2 b(a.x + cell, a.y + cell);
            if (running >= 0) {
                draw->AddRectFilled(a, b, toColour(workerColour(running)));
            } else if (done > 0) {
                ImU32 colour = IM_COL32(150, 150, 150, 255);  // done, but no output to show
                if (output != nullptr) {
                    colour =
                        IM_COL32(static_cast<int>(sum[0] / done), static_cast<int>(sum[1] / done),
                                 static_cast<int>(sum[2] / done), 255);
                }
                if (done < outputs) {
                    draw->AddRectFilled(a, b, pending);
                    const float f = static_cast<float>(done) / static_cast<float>(outputs);
                    draw->AddRectFilled(a, ImVec2(b.x, a.y + cell * f), colour);
                } else {
                    draw->AddRectFilled(a, b, colour);
                }
                if (cell >= 6.0f * state.contentScale) {
                    // A thin frame in the worker's colour; the value stays readable.
                    draw->AddRect(a, b, toColour(workerColour(doneWorker), 150));
                }
            } else {
                draw->AddRectFilled(a, b, pending);
            }
        }
    }
    char footer[128];
    std::snprintf(footer, sizeof footer, "%zu computing now", counts.running);
    draw->AddText(ImVec2(at.x, top + static_cast<float>(cellsH) * cell + 2.0f),
                  ImGui::GetColorU32(ImGuiCol_TextDisabled), footer);
}

void AnimationPanel::drawLegend(const Track& track) {
    const Schedule& s = track.schedule;
    if (s.events.empty()) {
        return;
    }
    std::vector<int> workers;
    for (const OutputEvent& e : s.events) {
        workers.push_back(e.worker);
    }
    std::sort(workers.begin(), workers.end());
    workers.erase(std::unique(workers.begin(), workers.end()), workers.end());
    ImGui::Text("Colour = %s (%zu in this region%s):", s.workerName.c_str(), workers.size(),
                workers.size() > 24 ? "; colours repeat every 24" : "");
    const float swatch = ImGui::GetTextLineHeight();
    int shown = 0;
    for (int worker : workers) {
        if (shown == 48) {
            ImGui::SameLine();
            ImGui::TextDisabled("...");
            break;
        }
        if (shown % 12 != 0) {
            ImGui::SameLine();
        }
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + swatch, p.y + swatch),
                                                  toColour(workerColour(worker)));
        ImGui::Dummy(ImVec2(swatch, swatch));
        ImGui::SameLine();
        ImGui::Text("%s %d", s.workerName.c_str(), worker);
        ++shown;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped(
        "Dark: not started. Worker colour: being computed. Framed value: done, "
        "showing the real output.");
    ImGui::PopStyleColor();
}

}  // namespace convis::ui
