// The live timing tab: rolling history per backend, stages stacked, medians with p10/p90,
// cold runs apart, speed-ups over the sequential path, exports.
#pragma once

#include "ui/panel.hpp"

namespace convis::ui {

class TimingPanel final : public Panel {
  public:
    TimingPanel();

    // Presses the PNG button on the next frame (the same command a click issues), for
    // screenshot runs that export the tab's picture from the command line.
    void pressPngButton() { m_pressPng = true; }

  protected:
    void drawContent(UiContext& context) override;

  private:
    bool m_pressPng = false;
    int m_window = 300;     // runs shown
    bool m_logBars = true;  // the stage bars on a log axis (fast backends stay visible)
};

}  // namespace convis::ui
