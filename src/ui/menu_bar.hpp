// The main menu: open images (path, recent, bundled, patterns), exports, view and panels.
#pragma once

#include <array>

#include "ui/panel.hpp"

namespace convis::ui {

class MenuBar {
  public:
    // Draws the menu bar and handles the global shortcuts (Ctrl+S, F12). Returns its height.
    float draw(UiContext& context);

  private:
    void drawFileMenu(UiContext& context);
    void drawViewMenu(UiContext& context);
    void handleShortcuts(UiContext& context);

    std::array<char, 1024> m_openPath{};
    std::array<char, 1024> m_exportDir{};
    bool m_exportDirSynced = false;
    int m_patternSize = 512;
};

}  // namespace convis::ui
