// Log panel.
#include "ui/log_panel.hpp"

#include "ui/theme.hpp"

namespace convis::ui {

LogPanel::LogPanel() : Panel("Messages") {}

void LogPanel::drawContent(UiContext& context) {
    const auto& messages = context.state.messages;
    if (ImGui::SmallButton("Clear")) {
        context.commands.push(ClearMessages{});
    }
    tooltip("Remove all messages.");
    ImGui::BeginChild("lines", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
    for (const Message& message : messages) {
        switch (message.level) {
            case MessageLevel::Error:
                ImGui::PushStyleColor(ImGuiCol_Text, kTextError);
                break;
            case MessageLevel::Warning:
                ImGui::PushStyleColor(ImGuiCol_Text, kTextWarning);
                break;
            case MessageLevel::Info:
                ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_Text]);
                break;
        }
        ImGui::TextWrapped("%s", message.text.c_str());
        ImGui::PopStyleColor();
    }
    if (messages.size() != m_seen) {
        m_seen = messages.size();
        ImGui::SetScrollHereY(1.0f);
    }
    ImGui::EndChild();
}

}  // namespace convis::ui
