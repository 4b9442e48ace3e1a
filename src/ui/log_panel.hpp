// Messages: what was opened, saved, refused or failed, newest at the bottom.
#pragma once

#include <cstddef>

#include "ui/panel.hpp"

namespace convis::ui {

class LogPanel final : public Panel {
  public:
    LogPanel();

  protected:
    void drawContent(UiContext& context) override;

  private:
    std::size_t m_seen = 0;  // messages already scrolled to
};

}  // namespace convis::ui
