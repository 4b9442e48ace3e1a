// The panel base: Begin/End stay balanced even when a panel throws, and workspace tabs slot in.
#include <doctest/doctest.h>

#include <cmath>
#include <memory>
#include <stdexcept>

#include "core/kernel_presets.hpp"
#include "headless_imgui.hpp"
#include "ui/main_ui.hpp"

namespace convis {

namespace {

class ThrowingPanel final : public ui::Panel {
  public:
    ThrowingPanel() : Panel("Throws") {}
    int draws = 0;

  protected:
    void drawContent(ui::UiContext&) override {
        ++draws;
        // Leaves a child window, an ID and a style colour pushed, as a failure mid-draw would.
        ImGui::BeginChild("inner");
        ImGui::PushID("x");
        ImGui::BeginTooltip();
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 0, 0, 1));
        throw std::runtime_error("broken panel");
    }
};

class CountingPanel final : public ui::Panel {
  public:
    CountingPanel() : Panel("Later panel") {}
    int draws = 0;

  protected:
    void drawContent(ui::UiContext&) override {
        ++draws;
        ImGui::TextUnformatted("content");
    }
};

}  // namespace

TEST_CASE("a panel that throws mid-draw is recovered and reported, frames go on") {
    test::HeadlessImGui imgui;
    ui::AppState state;
    ui::CommandQueue commands;
    ui::NullPresenter presenter;
    ThrowingPanel panel;
    const auto frame = [&] {
        ui::UiContext context{state, commands, presenter, imgui.keys};
        panel.draw(context, ui::PanelRect{10, 10, 300, 200}, false);
    };
    imgui.frames(3, frame);  // ImGui's own checks would abort here if the stacks were unbalanced
    CHECK(panel.draws == 3);
    const auto pending = commands.take();
    REQUIRE(pending.size() == 3);
    const auto* message = std::get_if<ui::PostMessage>(&pending.front());
    REQUIRE(message != nullptr);
    CHECK(message->level == ui::MessageLevel::Error);
    CHECK(message->text == "Throws: broken panel");
}

TEST_CASE("workspace panels become tabs next to the image view") {
    test::HeadlessImGui imgui;
    ui::AppState state;
    state.input = std::make_shared<const Image>(32, 32);
    state.request = makePreset("box3");
    ui::CommandQueue commands;
    ui::NullPresenter presenter;
    ui::MainUi mainUi;
    auto later = std::make_unique<CountingPanel>();
    CountingPanel* counting = later.get();
    mainUi.addWorkspacePanel(std::move(later));
    const auto frame = [&] {
        ui::UiContext context{state, commands, presenter, imgui.keys};
        mainUi.draw(context);
    };
    imgui.frames(3, frame);
    CHECK(state.canvas.width > 100.0f);  // the image view is the first, selected tab
    CHECK(counting->draws == 0);         // the other tab is not drawn until chosen
}

}  // namespace convis

namespace convis {

TEST_CASE("the File, View and Help menus open and draw without tripping ImGui's checks") {
    test::HeadlessImGui imgui;
    ui::AppState state;
    state.input = std::make_shared<const Image>(32, 32);
    state.request = makePreset("box3");
    state.recentFiles = {"/tmp/a.png"};
    state.bundledImages = {{"astronaut", "a photograph"}};
    state.output = state.input;
    ui::CommandQueue commands;
    ui::NullPresenter presenter;
    ui::MainUi mainUi;
    const auto frame = [&] {
        ui::UiContext context{state, commands, presenter, imgui.keys};
        mainUi.draw(context);
    };
    imgui.frames(2, frame);
    const float y = ImGui::GetFrameHeight() * 0.5f;
    const float fontSize = ImGui::GetFontSize();
    int opened = 0;
    for (const float x : {fontSize * 1.0f, fontSize * 4.0f, fontSize * 7.0f}) {
        imgui.click(ImVec2(x, y), frame);
        imgui.frames(2, frame);
        opened += ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId) ? 1 : 0;
        // Sweep the pointer down the open menu so every item's hover and tooltip path runs.
        for (float dy = 0.0f; dy < fontSize * 20.0f; dy += fontSize) {
            imgui.moveMouse(ImVec2(x + fontSize * 2.0f, y + fontSize + dy));
            imgui.frame(frame);
        }
        imgui.press(test::kKeyEscape, frame);
        imgui.frames(2, frame);
    }
    CHECK(opened == 3);
}

}  // namespace convis

namespace convis {

TEST_CASE("the layout survives tiny and huge windows") {
    for (const ImVec2 size :
         {ImVec2(64, 64), ImVec2(200, 120), ImVec2(640, 400), ImVec2(7680, 4320)}) {
        CAPTURE(size.x);
        test::HeadlessImGui imgui(size.x, size.y);
        ui::AppState state;
        state.input = std::make_shared<const Image>(16, 16);
        state.request = makePreset("gaussian5");
        ui::CommandQueue commands;
        ui::NullPresenter presenter;
        ui::MainUi mainUi;
        const auto frame = [&] {
            ui::UiContext context{state, commands, presenter, imgui.keys};
            mainUi.draw(context);
        };
        imgui.frames(3, frame);
        CHECK(std::isfinite(state.view.zoom));
        CHECK(state.view.zoom > 0.0f);
    }
}

}  // namespace convis
