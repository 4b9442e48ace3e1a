// Tiled layout of the panels.
#include "ui/main_ui.hpp"

#include <algorithm>

namespace convis::ui {

void MainUi::draw(UiContext& context) {
    AppState& state = context.state;
    LayoutSettings& layout = state.layout;
    const ImGuiIO& io = ImGui::GetIO();
    const float scale = state.contentScale;
    const float displayW = io.DisplaySize.x;
    const float displayH = io.DisplaySize.y;
    if (displayW < 64.0f || displayH < 64.0f) {
        return;  // minimised: nothing to lay out
    }
    const float top = m_menu.draw(context);
    const float statusH = ImGui::GetFrameHeight() + 2.0f * ImGui::GetStyle().WindowPadding.y;
    const float bodyH = std::max(displayH - top - statusH, 32.0f);

    // Side panels keep at most 40% of the width each, so the image always has room.
    const float maxSide = std::max(displayW * 0.4f, 160.0f);
    float leftW = 0.0f;
    if (layout.showKernel) {
        const PanelRect left{0.0f, top, std::min(layout.leftWidth * scale, maxSide), bodyH};
        leftW = m_kernel.draw(context, left, true).width;
        layout.leftWidth = std::clamp(leftW, 160.0f, maxSide) / scale;
    }
    float rightW = 0.0f;
    if (layout.showBackends || layout.showLog) {
        rightW = std::min(layout.rightWidth * scale, maxSide);
        const float rightX = displayW - rightW;
        float logH = layout.showLog ? std::min(layout.logHeight * scale, bodyH * 0.6f) : 0.0f;
        if (!layout.showBackends) {
            logH = bodyH;
        }
        if (layout.showBackends) {
            const PanelRect rect{rightX, top, rightW, bodyH - logH};
            rightW = m_backends.draw(context, rect, true).width;
        }
        if (layout.showLog) {
            const PanelRect rect{rightX, top + bodyH - logH, rightW, logH};
            m_log.draw(context, rect, !layout.showBackends);
        }
        layout.rightWidth = std::clamp(rightW, 160.0f, maxSide) / scale;
    }
    const PanelRect centre{leftW, top, std::max(displayW - leftW - rightW, 64.0f), bodyH};
    if (m_workspace.empty()) {
        m_image.draw(context, centre, false);
    } else {
        m_workspaceWindow.draw(context, centre, false);
    }
    m_status.draw(context, PanelRect{0.0f, displayH - statusH, displayW, statusH}, false);
}

void MainUi::addWorkspacePanel(std::unique_ptr<Panel> panel) {
    if (panel) {
        m_workspace.push_back(std::move(panel));
    }
}

WorkspaceWindow::WorkspaceWindow(ImageViewPanel& image, std::vector<std::unique_ptr<Panel>>& others)
    : Panel("Workspace", ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar |
                             ImGuiWindowFlags_NoScrollWithMouse),
      m_image(image),
      m_others(others) {}

void WorkspaceWindow::drawContent(UiContext& context) {
    if (!ImGui::BeginTabBar("workspace")) {
        return;
    }
    const auto flags = [this](const std::string& title) {
        return m_select == title ? ImGuiTabItemFlags_SetSelected : ImGuiTabItemFlags_None;
    };
    if (ImGui::BeginTabItem(m_image.title().c_str(), nullptr, flags(m_image.title()))) {
        m_image.drawEmbedded(context);
        ImGui::EndTabItem();
    }
    for (const auto& panel : m_others) {
        if (ImGui::BeginTabItem(panel->title().c_str(), nullptr, flags(panel->title()))) {
            panel->drawEmbedded(context);
            ImGui::EndTabItem();
        }
    }
    ImGui::EndTabBar();
    m_select.clear();
}

}  // namespace convis::ui
