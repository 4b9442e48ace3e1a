// The status bar along the bottom: image size, backend, last run time and throughput, output
// path, and the newest message.
#pragma once

#include "ui/panel.hpp"

namespace convis::ui {

class StatusBar final : public Panel {
  public:
    StatusBar();

  protected:
    void drawContent(UiContext& context) override;
};

}  // namespace convis::ui
