// ImGui without a window or GPU: a context with the app's fonts and a null renderer (the draw
// lists are built and dropped), fed with mouse and keyboard input frame by frame.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "ui/keys.hpp"
#include "ui/theme.hpp"

namespace convis::test {

// Key indices for io.KeysDown; any value below 512 works, these mirror GLFW's for readability.
inline constexpr int kKeyEnter = 257;
inline constexpr int kKeyEscape = 256;
inline constexpr int kKeyBackspace = 259;
inline constexpr int kKeyA = 65;
inline constexpr int kKeyS = 83;
inline constexpr int kKeyF12 = 301;
inline constexpr int kKeyEqual = 61;
inline constexpr int kKeyMinus = 45;
inline constexpr int kKeyZero = 48;

class HeadlessImGui {
  public:
    explicit HeadlessImGui(float width = 1280.0f, float height = 720.0f) {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(width, height);
        io.DeltaTime = 1.0f / 60.0f;
        io.KeyMap[ImGuiKey_Enter] = kKeyEnter;
        io.KeyMap[ImGuiKey_Escape] = kKeyEscape;
        io.KeyMap[ImGuiKey_Backspace] = kKeyBackspace;
        io.KeyMap[ImGuiKey_A] = kKeyA;
        std::string warning;
        ui::loadFonts(1.0f, warning);  // builds the atlas, as the OpenGL backend would
        unsigned char* pixels = nullptr;
        int w = 0;
        int h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(1)));
        ui::applyTheme(1.0f);
        keys.equal = kKeyEqual;
        keys.minus = kKeyMinus;
        keys.zero = kKeyZero;
        keys.s = kKeyS;
        keys.f12 = kKeyF12;
    }
    ~HeadlessImGui() { ImGui::DestroyContext(); }
    HeadlessImGui(const HeadlessImGui&) = delete;
    HeadlessImGui& operator=(const HeadlessImGui&) = delete;

    // One frame: NewFrame, draw(), Render (nothing is rasterised).
    template <class Draw>
    void frame(Draw&& draw) {
        ImGui::NewFrame();
        draw();
        ImGui::Render();
    }

    template <class Draw>
    void frames(int count, Draw&& draw) {
        for (int i = 0; i < count; ++i) {
            frame(draw);
        }
    }

    void moveMouse(ImVec2 position) { ImGui::GetIO().MousePos = position; }
    void mouseDown(bool down) { ImGui::GetIO().MouseDown[0] = down; }
    void key(int index, bool down) { ImGui::GetIO().KeysDown[index] = down; }
    void ctrl(bool down) { ImGui::GetIO().KeyCtrl = down; }
    void type(std::string_view text) {
        for (char c : text) {
            ImGui::GetIO().AddInputCharacter(static_cast<unsigned int>(c));
        }
    }

    // Clicks at a point: move, press, release, one frame each.
    template <class Draw>
    void click(ImVec2 at, Draw&& draw) {
        moveMouse(at);
        frame(draw);
        mouseDown(true);
        frame(draw);
        mouseDown(false);
        frame(draw);
    }

    // Presses and releases a key, one frame each, then one more for deactivation to show.
    template <class Draw>
    void press(int index, Draw&& draw) {
        key(index, true);
        frame(draw);
        key(index, false);
        frame(draw);
        frame(draw);
    }

    ui::KeyCodes keys;
};

}  // namespace convis::test
