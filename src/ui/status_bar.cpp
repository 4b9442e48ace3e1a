// Status bar.
#include "ui/status_bar.hpp"

#include <cstdio>

#include "ui/theme.hpp"

namespace convis::ui {

StatusBar::StatusBar()
    : Panel("##status", ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar |
                            ImGuiWindowFlags_NoScrollWithMouse) {}

void StatusBar::drawContent(UiContext& context) {
    const AppState& state = context.state;
    const float gap = ImGui::GetFontSize() * 1.5f;
    if (state.input) {
        ImGui::Text("%s  %d x %d px", state.imageName.c_str(), state.input->width(),
                    state.input->height());
    } else {
        ImGui::TextDisabled("no image");
    }
    tooltip("The input image: name and size in pixels (width x height).");
    if (!state.loadingImage.empty()) {
        ImGui::SameLine(0.0f, gap);
        ImGui::TextColored(kTextWarning, "opening %s ...", state.loadingImage.c_str());
        tooltip("The image is being decoded in the background; the current one stays meanwhile.");
    }
    ImGui::SameLine(0.0f, gap);
    std::string backend = state.backendId;
    for (const BackendInfo& info : state.backends) {
        if (info.id == state.backendId) {
            backend = info.label;
        }
    }
    ImGui::Text("Backend: %s", backend.c_str());
    tooltip("The backend that computes the output.");
    ImGui::SameLine(0.0f, gap);
    if (state.run.running) {
        ImGui::Text("running %.0f%%", state.run.progress * 100.0);
    } else if (state.last.valid) {
        ImGui::Text("Last run %.2f ms  %.1f Mpix/s", state.last.milliseconds,
                    state.last.megapixelsPerSecond);
    } else {
        ImGui::TextDisabled("not run yet");
    }
    tooltip("Last run: end-to-end milliseconds and millions of output pixels per second.");
    ImGui::SameLine(0.0f, gap);
    ImGui::TextDisabled("%s", state.producer.text.c_str());
    tooltip("How the output reaches the screen.");
    if (!state.messages.empty()) {
        ImGui::SameLine(0.0f, gap);
        const Message& last = state.messages.back();
        const ImVec4 colour = last.level == MessageLevel::Error ? kTextError
                              : last.level == MessageLevel::Warning
                                  ? kTextWarning
                                  : ImGui::GetStyle().Colors[ImGuiCol_TextDisabled];
        ImGui::PushStyleColor(ImGuiCol_Text, colour);
        ImGui::TextUnformatted(last.text.c_str());
        ImGui::PopStyleColor();
        tooltip("The newest message; all of them are in the Messages panel.");
    }
}

}  // namespace convis::ui
