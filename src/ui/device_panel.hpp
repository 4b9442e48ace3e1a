// The device tab: GPU facts (or why there is no GPU), CPU facts, and the core counts side by
// side in one line.
#pragma once

#include "ui/panel.hpp"

namespace convis::ui {

class DevicePanel final : public Panel {
  public:
    DevicePanel();

  protected:
    void drawContent(UiContext& context) override;
};

// "cores: 8 CPU vs 16896 GPU", or "cores: 8 CPU vs no GPU".
std::string coresLine(const MachineFacts& facts);

}  // namespace convis::ui
