// Theme and fonts.
#include "ui/theme.hpp"

#include <filesystem>
#include <system_error>

namespace convis::ui {

namespace {

bool fileExists(const char* path) {
    std::error_code error;
    return std::filesystem::is_regular_file(path, error);
}

ImVec4 rgb(int r, int g, int b, float a = 1.0f) {
    return ImVec4(static_cast<float>(r) / 255.0f, static_cast<float>(g) / 255.0f,
                  static_cast<float>(b) / 255.0f, a);
}

}  // namespace

void applyTheme(float contentScale) {
    ImGuiStyle style;  // start from defaults so re-applying never compounds the scale
    ImGui::StyleColorsDark(&style);
    style.WindowPadding = ImVec2(10, 10);
    style.FramePadding = ImVec2(8, 4);
    style.ItemSpacing = ImVec2(8, 7);
    style.ItemInnerSpacing = ImVec2(6, 5);
    style.ScrollbarSize = 14;
    style.GrabMinSize = 12;
    style.WindowRounding = 0;
    style.ChildRounding = 3;
    style.FrameRounding = 3;
    style.PopupRounding = 3;
    style.ScrollbarRounding = 6;
    style.GrabRounding = 3;
    style.TabRounding = 3;
    style.WindowBorderSize = 1;
    style.FrameBorderSize = 0;
    style.WindowTitleAlign = ImVec2(0.0f, 0.5f);

    ImVec4* c = style.Colors;
    const ImVec4 accent = rgb(66, 150, 220);
    c[ImGuiCol_Text] = rgb(228, 231, 237);
    c[ImGuiCol_TextDisabled] = rgb(132, 138, 150);
    c[ImGuiCol_WindowBg] = rgb(33, 36, 42);
    c[ImGuiCol_ChildBg] = rgb(28, 31, 36);
    c[ImGuiCol_PopupBg] = rgb(38, 41, 48, 0.98f);
    c[ImGuiCol_Border] = rgb(55, 60, 70);
    c[ImGuiCol_FrameBg] = rgb(48, 52, 61);
    c[ImGuiCol_FrameBgHovered] = rgb(60, 66, 78);
    c[ImGuiCol_FrameBgActive] = rgb(70, 78, 92);
    c[ImGuiCol_TitleBg] = rgb(26, 28, 33);
    c[ImGuiCol_TitleBgActive] = rgb(30, 44, 62);
    c[ImGuiCol_TitleBgCollapsed] = rgb(26, 28, 33);
    c[ImGuiCol_MenuBarBg] = rgb(26, 28, 33);
    c[ImGuiCol_CheckMark] = accent;
    c[ImGuiCol_SliderGrab] = accent;
    c[ImGuiCol_SliderGrabActive] = rgb(100, 175, 235);
    c[ImGuiCol_Button] = rgb(52, 74, 102);
    c[ImGuiCol_ButtonHovered] = rgb(64, 98, 138);
    c[ImGuiCol_ButtonActive] = rgb(76, 118, 168);
    c[ImGuiCol_Header] = rgb(52, 74, 102);
    c[ImGuiCol_HeaderHovered] = rgb(64, 98, 138);
    c[ImGuiCol_HeaderActive] = rgb(76, 118, 168);
    c[ImGuiCol_Separator] = rgb(55, 60, 70);
    c[ImGuiCol_PlotHistogram] = accent;
    c[ImGuiCol_TextSelectedBg] = rgb(66, 150, 220, 0.40f);
    style.ScaleAllSizes(contentScale);
    ImGui::GetStyle() = style;
}

Fonts loadFonts(float contentScale, std::string& warning) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    Fonts fonts;
    const float size = kBaseFontSize * contentScale;
    if (fileExists(kSansFontPath)) {
        fonts.sans = io.Fonts->AddFontFromFileTTF(kSansFontPath, size);
    }
    if (fonts.sans == nullptr) {
        warning = std::string("font ") + kSansFontPath +
                  " not found (install fonts-dejavu-core); using the built-in font";
        ImFontConfig config;
        config.SizePixels = 13.0f * contentScale;
        fonts.sans = io.Fonts->AddFontDefault(&config);
    }
    if (fileExists(kMonoFontPath)) {
        fonts.mono = io.Fonts->AddFontFromFileTTF(kMonoFontPath, size);
    }
    if (fonts.mono == nullptr) {
        fonts.mono = fonts.sans;
    }
    io.FontDefault = fonts.sans;
    io.Fonts->Build();
    return fonts;
}

}  // namespace convis::ui
