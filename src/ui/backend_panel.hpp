// The backends: every one the registry lists, unavailable ones greyed with their reason; run on
// demand or live, progress and cancel while a job runs, and the last run's timings.
#pragma once

#include "ui/panel.hpp"

namespace convis::ui {

class BackendPanel final : public Panel {
  public:
    BackendPanel();

    // Where the thread-count slider was drawn last frame (zero when hidden), for tests.
    ImVec4 threadsRect() const { return m_threadsRect; }

  protected:
    void drawContent(UiContext& context) override;

  private:
    // cpu-parallel's thread count, drawn under that backend while it is selected.
    void drawThreadControl(UiContext& context);

    ImVec4 m_threadsRect{};
};

}  // namespace convis::ui
