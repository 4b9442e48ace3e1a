// The whole window's UI: menu bar, then a tiled layout of kernel editor (left), image view
// (centre), backends and messages (right) and the status bar; later panels (animation, timing,
// sweep, device) slot in as more Panel subclasses.
#pragma once

#include "ui/backend_panel.hpp"
#include "ui/image_view_panel.hpp"
#include "ui/kernel_panel.hpp"
#include "ui/log_panel.hpp"
#include "ui/menu_bar.hpp"
#include "ui/status_bar.hpp"

namespace convis::ui {

class MainUi {
  public:
    // Draws one frame's UI between ImGui::NewFrame and ImGui::Render.
    void draw(UiContext& context);

    KernelPanel& kernelPanel() { return m_kernel; }

  private:
    MenuBar m_menu;
    ImageViewPanel m_image;
    KernelPanel m_kernel;
    BackendPanel m_backends;
    LogPanel m_log;
    StatusBar m_status;
};

}  // namespace convis::ui
