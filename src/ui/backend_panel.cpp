// Backend panel.
#include "ui/backend_panel.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include "ui/theme.hpp"

namespace convis::ui {

BackendPanel::BackendPanel() : Panel("Backends") {}

void BackendPanel::drawThreadControl(UiContext& context) {
    const AppState& state = context.state;
    int threads = state.threads == 0 ? state.maxThreads : state.threads;
    ImGui::Indent();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
    const std::string format = "%d of " + std::to_string(state.maxThreads);
    if (ImGui::SliderInt("Threads", &threads, 1, std::max(1, state.maxThreads), format.c_str(),
                         ImGuiSliderFlags_AlwaysClamp)) {
        context.commands.push(SetThreads{threads});
    }
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    m_threadsRect = ImVec4(min.x, min.y, max.x, max.y);
    tooltip(
        "Threads the parallel CPU backend splits the image over, one static band of rows "
        "each (1 to the number of CPUs this process may use).");
    ImGui::Unindent();
}

void BackendPanel::drawContent(UiContext& context) {
    const AppState& state = context.state;
    m_threadsRect = ImVec4();
    for (const BackendInfo& info : state.backends) {
        ImGui::PushID(info.id.c_str());
        ImGui::BeginDisabled(!info.available);
        if (ImGui::RadioButton(info.label.c_str(), state.backendId == info.id) &&
            state.backendId != info.id) {
            context.commands.push(SelectBackend{info.id});
        }
        ImGui::EndDisabled();
        const std::string tip =
            info.available ? info.description : info.description + "\nUnavailable: " + info.reason;
        tooltip(tip.c_str());
        if (!info.available) {
            ImGui::Indent();
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextDisabled("%s", info.reason.c_str());
            ImGui::PopTextWrapPos();
            ImGui::Unindent();
        }
        ImGui::PopID();
        if (info.kind == BackendKind::CpuParallel && state.backendId == info.id) {
            drawThreadControl(context);
        }
    }
    ImGui::Separator();

    const float buttonWidth = ImGui::GetFontSize() * 5.0f;
    ImGui::BeginDisabled(state.run.running || !state.input);
    if (ImGui::Button("Run", ImVec2(buttonWidth, 0.0f))) {
        context.commands.push(RunNow{});
    }
    ImGui::EndDisabled();
    tooltip("Filter the image once with the selected backend.");
    ImGui::SameLine();
    bool live = state.live;
    if (ImGui::Checkbox("Live", &live)) {
        context.commands.push(SetLive{live});
    }
    tooltip("Re-run automatically after every change to the image, kernel or backend.");
    ImGui::SameLine();
    bool everyFrame = state.everyFrame;
    if (ImGui::Checkbox("Every frame", &everyFrame)) {
        context.commands.push(SetEveryFrame{everyFrame});
    }
    tooltip(
        "Start a new run as soon as the last one finished, frame after frame: the Timing tab "
        "fills with samples. On CUDA with interop the result never leaves the GPU.");

    if (state.run.running) {
        char overlay[32];
        std::snprintf(overlay, sizeof overlay, "%.0f%%", state.run.progress * 100.0);
        ImGui::ProgressBar(static_cast<float>(state.run.progress),
                           ImVec2(-buttonWidth - ImGui::GetStyle().ItemSpacing.x, 0.0f), overlay);
        tooltip("Rows done so far on the worker thread; the window stays responsive.");
        ImGui::SameLine();
        if (ImGui::Button("Cancel", ImVec2(buttonWidth, 0.0f))) {
            context.commands.push(CancelRun{});
        }
        tooltip("Stop the running filter; the previous output stays.");
    }

    ImGui::Spacing();
    if (state.last.valid) {
        ImGui::Text("Last run: %s", state.last.backendLabel.c_str());
        ImGui::Text("%.2f ms   %.1f Mpix/s", state.last.milliseconds,
                    state.last.megapixelsPerSecond);
        tooltip(
            "End-to-end time of the last run as the app saw it (milliseconds), and the "
            "throughput in millions of output pixels per second.");
        for (const StageTime& stage : state.last.stages) {
            ImGui::TextDisabled("  %s: %.3f ms", stage.name.c_str(), stage.milliseconds);
        }
    } else {
        ImGui::TextDisabled("No run yet.");
    }
    ImGui::Spacing();
    if (state.producer.interop) {
        ImGui::PushStyleColor(ImGuiCol_Text, kTextGood);
    } else {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    }
    ImGui::TextWrapped("Output path: %s", state.producer.text.c_str());
    ImGui::PopStyleColor();
    tooltip(
        "How the result reaches the screen: copied from host memory into a texture, or "
        "written by the GPU straight into it (interop).");
    if (!state.displayInfo.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("Display: %s", state.displayInfo.c_str());
        ImGui::PopTextWrapPos();
        tooltip("The OpenGL context the window draws with.");
    }
}

}  // namespace convis::ui
