// Panel base: balanced Begin/End and tiled placement.
#include "ui/panel.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <exception>

namespace convis::ui {

namespace {

// Unwinds what a throwing drawContent left open inside `window`: child windows, popups and
// tooltips, and the ID, style, font, group and tab stacks. Debian's ImGui aborts on unbalanced
// stacks at End().
void recoverTo(ImGuiWindow* window) {
    ImGui::ErrorCheckEndWindowRecover(nullptr);
    while (ImGui::GetCurrentWindowRead() != window) {
        const ImGuiWindowFlags flags = ImGui::GetCurrentWindowRead()->Flags;
        if ((flags & ImGuiWindowFlags_Popup) != 0) {
            ImGui::EndPopup();  // combo boxes, menus, tooltips opened as popups
        } else if ((flags & ImGuiWindowFlags_ChildWindow) != 0) {
            ImGui::EndChild();
        } else if ((flags & ImGuiWindowFlags_Tooltip) != 0) {
            ImGui::EndTooltip();
        } else {
            break;
        }
        ImGui::ErrorCheckEndWindowRecover(nullptr);
    }
}

}  // namespace

Panel::Panel(std::string title, ImGuiWindowFlags flags)
    : m_title(std::move(title)), m_flags(flags) {}

PanelRect Panel::draw(UiContext& context, const PanelRect& rect, bool resizable) {
    const float width = std::max(rect.width, 1.0f);
    const float height = std::max(rect.height, 1.0f);
    ImGui::SetNextWindowPos(ImVec2(rect.x, rect.y), ImGuiCond_Always);
    if (resizable) {
        // Height fixed by the layout, width free within bounds: the user drags the inner edge.
        ImGui::SetNextWindowSize(ImVec2(width, height), ImGuiCond_Appearing);
        ImGui::SetNextWindowSizeConstraints(ImVec2(160.0f, height), ImVec2(2000.0f, height));
    } else {
        ImGui::SetNextWindowSize(ImVec2(width, height), ImGuiCond_Always);
    }
    ImGuiWindowFlags flags = m_flags | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
                             ImGuiWindowFlags_NoSavedSettings;
    if (!resizable) {
        flags |= ImGuiWindowFlags_NoResize;
    }
    PanelRect result = rect;
    // Begin's return only says whether content is visible; End must be called either way.
    if (ImGui::Begin(m_title.c_str(), nullptr, flags)) {
        ImGuiWindow* window = ImGui::GetCurrentWindowRead();
        try {
            drawContent(context);
        } catch (const std::exception& e) {
            // A panel must never leave ImGui's stacks unbalanced: Debian's ImGui aborts on that.
            recoverTo(window);
            context.commands.push(
                PostMessage{MessageLevel::Error, m_title + ": " + std::string(e.what())});
        }
    }
    const ImVec2 size = ImGui::GetWindowSize();
    result.width = size.x;
    result.height = size.y;
    ImGui::End();
    return result;
}

void Panel::drawEmbedded(UiContext& context) {
    // BeginChild's return says only whether it is visible; EndChild is always needed.
    if (ImGui::BeginChild(m_title.c_str(), ImVec2(0.0f, 0.0f), false, m_flags)) {
        ImGuiWindow* window = ImGui::GetCurrentWindowRead();
        try {
            drawContent(context);
        } catch (const std::exception& e) {
            recoverTo(window);
            context.commands.push(
                PostMessage{MessageLevel::Error, m_title + ": " + std::string(e.what())});
        }
    }
    ImGui::EndChild();
}

void tooltip(const char* text) {
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled) && text != nullptr) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
        ImGui::TextUnformatted(text);
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

void sameLineIfFits(const char* nextLabel) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = ImGui::CalcTextSize(nextLabel, nullptr, true).x + style.FramePadding.x * 2;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + style.ItemSpacing.x + width <= right) {
        ImGui::SameLine();
    }
}

}  // namespace convis::ui
