// Names, tooltips and small drawing helpers shared by the animation panel's files.
#pragma once

#include <imgui.h>

#include <array>
#include <cstdint>
#include <string>

#include "core/execution_schedule.hpp"
#include "ui/animation_panel.hpp"

namespace convis::ui::anim {

inline constexpr int kDefaultSide = 32;
inline constexpr int kMaxRegionSide = 512;       // larger regions would hold millions of events
inline constexpr int kMaxCellsPerSide = 64;      // beyond this, cells group several outputs
inline constexpr double kMaxFrameSeconds = 0.1;  // a long stall does not jump the clock
inline constexpr float kHeaderLines = 2.0f;      // title and counters above each track

const char* modeLabel(AnimationMode mode);    // "GPU waves"
const char* modeTooltip(AnimationMode mode);  // what the mode shows and how
const char* modeName(AnimationMode mode);     // "gpu-waves", for file and folder names
ImU32 toColour(const std::array<std::uint8_t, 3>& rgb, int alpha = 255);
// "12 steps", "3.20 us" or "1.234 ms".
std::string formatTime(double value, ClockUnit unit);
// SameLine when `width` more pixels fit on this line, else a new line.
void sameLineIfWidthFits(float width);

}  // namespace convis::ui::anim
