// The live timing tab: rolling history per backend, stages stacked, medians with p10/p90,
// cold runs apart, speed-ups over the sequential path, exports.
#pragma once

#include "ui/panel.hpp"

namespace convis::ui {

class TimingPanel final : public Panel {
  public:
    TimingPanel();

  protected:
    void drawContent(UiContext& context) override;

  private:
    int m_window = 300;  // runs shown
};

}  // namespace convis::ui
