// The sweep tab: settings, start/cancel with progress, the time-versus-size chart (end to end
// solid, kernel-only dashed) with the GPU/CPU crossovers marked, and exports.
#pragma once

#include "ui/panel.hpp"

namespace convis::ui {

class SweepPanel final : public Panel {
  public:
    SweepPanel();

  protected:
    void drawContent(UiContext& context) override;

  private:
    int m_kernel = 0;  // which of the sweep's kernels the chart shows
};

}  // namespace convis::ui
