// The look: a dark theme with one accent colour, DejaVu fonts, sizes scaled for HiDPI.
#pragma once

#include <imgui.h>

#include <string>

namespace convis::ui {

inline constexpr const char* kSansFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
inline constexpr const char* kMonoFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";
inline constexpr float kBaseFontSize = 16.0f;  // logical pixels at content scale 1

struct Fonts {
    ImFont* sans = nullptr;  // default font
    ImFont* mono = nullptr;  // numbers in the kernel grid; falls back to sans
};

// Colours shared by panels (the kernel grid, the legend) so the sign colours agree everywhere.
inline constexpr ImU32 kColourNegative = IM_COL32(59, 76, 192, 255);
inline constexpr ImU32 kColourPositive = IM_COL32(181, 5, 38, 255);
inline const ImVec4 kTextError{1.0f, 0.45f, 0.40f, 1.0f};
inline const ImVec4 kTextWarning{1.0f, 0.78f, 0.35f, 1.0f};
inline const ImVec4 kTextGood{0.45f, 0.85f, 0.55f, 1.0f};

// Applies the theme to the current context's style, scaled by contentScale.
void applyTheme(float contentScale);

// Loads the DejaVu fonts at kBaseFontSize * contentScale into the current context's atlas.
// Files are checked for existence first (ImGui aborts on a missing font file); when they are
// missing ImGui's built-in font is used and `warning` says so. Builds the atlas.
Fonts loadFonts(float contentScale, std::string& warning);

}  // namespace convis::ui
