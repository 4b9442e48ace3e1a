// The sweep tab: settings, start/cancel with progress, the time-versus-size chart (end to end
// solid, kernel-only dashed) with the GPU/CPU crossovers marked, and exports.
#pragma once

#include "ui/panel.hpp"

namespace convis::ui {

class SweepPanel final : public Panel {
  public:
    SweepPanel();

    // Presses the PNG button on the next frame (the same command a click issues), for
    // screenshot runs that export the tab's picture from the command line.
    void pressPngButton() { m_pressPng = true; }

  protected:
    void drawContent(UiContext& context) override;

  private:
    bool m_pressPng = false;
    int m_kernel = 0;  // which of the sweep's kernels the chart shows
};

}  // namespace convis::ui
