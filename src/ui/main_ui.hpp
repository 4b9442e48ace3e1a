// The whole window's UI: menu bar, then a tiled layout of kernel editor (left), image view
// (centre), backends and messages (right) and the status bar; later panels (animation, timing,
// sweep, device) slot in as more Panel subclasses.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ui/backend_panel.hpp"
#include "ui/image_view_panel.hpp"
#include "ui/kernel_panel.hpp"
#include "ui/log_panel.hpp"
#include "ui/menu_bar.hpp"
#include "ui/status_bar.hpp"

namespace convis::ui {

// The centre window: the image view alone, or tabs of the image view and the added panels.
class WorkspaceWindow final : public Panel {
  public:
    WorkspaceWindow(ImageViewPanel& image, std::vector<std::unique_ptr<Panel>>& others);
    void select(const std::string& title) { m_select = title; }

  protected:
    void drawContent(UiContext& context) override;

  private:
    ImageViewPanel& m_image;
    std::vector<std::unique_ptr<Panel>>& m_others;
    std::string m_select;  // a tab to bring to the front once, or empty
};

class MainUi {
  public:
    // Draws one frame's UI between ImGui::NewFrame and ImGui::Render.
    void draw(UiContext& context);

    KernelPanel& kernelPanel() { return m_kernel; }
    BackendPanel& backendPanel() { return m_backends; }

    // Adds a panel as a tab of the centre workspace, after the image view (animation, timing,
    // sweep, device). With only the image view, no tab bar is shown.
    void addWorkspacePanel(std::unique_ptr<Panel> panel);
    // Brings the workspace tab with this title to the front on the next frame.
    void selectWorkspaceTab(const std::string& title) { m_workspaceWindow.select(title); }

  private:
    MenuBar m_menu;
    ImageViewPanel m_image;
    KernelPanel m_kernel;
    BackendPanel m_backends;
    LogPanel m_log;
    StatusBar m_status;
    std::vector<std::unique_ptr<Panel>> m_workspace;
    WorkspaceWindow m_workspaceWindow{m_image, m_workspace};
};

}  // namespace convis::ui
