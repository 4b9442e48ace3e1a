// The backends: every one the registry lists, unavailable ones greyed with their reason; run on
// demand or live, progress and cancel while a job runs, and the last run's timings.
#pragma once

#include "ui/panel.hpp"

namespace convis::ui {

class BackendPanel final : public Panel {
  public:
    BackendPanel();

  protected:
    void drawContent(UiContext& context) override;
};

}  // namespace convis::ui
