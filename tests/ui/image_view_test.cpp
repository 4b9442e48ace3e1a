// The image view's zoom and pan: arithmetic, and driven through ImGui input.
#include <doctest/doctest.h>

#include <memory>

#include "core/kernel_presets.hpp"
#include "headless_imgui.hpp"
#include "ui/main_ui.hpp"

namespace convis {

TEST_CASE("zoomAround keeps the image point under the cursor in place") {
    ui::ViewSettings view;
    view.zoom = 2.0f;
    view.centreX = 100.0f;
    view.centreY = 50.0f;
    const ui::PaneGeometry pane{400.0f, 300.0f};
    const auto pointAt = [&](float x, float y) {
        const float ox = view.centreX - pane.width * 0.5f / view.zoom;
        const float oy = view.centreY - pane.height * 0.5f / view.zoom;
        return std::pair{ox + x / view.zoom, oy + y / view.zoom};
    };
    const auto before = pointAt(300.0f, 80.0f);
    ui::zoomAround(view, pane, 300.0f, 80.0f, 1.25f);
    const auto after = pointAt(300.0f, 80.0f);
    CHECK(view.zoom == doctest::Approx(2.5f));
    CHECK(after.first == doctest::Approx(before.first));
    CHECK(after.second == doctest::Approx(before.second));
    CHECK_FALSE(view.fit);
    // Clamped at the limits.
    for (int i = 0; i < 100; ++i) {
        ui::zoomAround(view, pane, 0.0f, 0.0f, 2.0f);
    }
    CHECK(view.zoom == ui::kMaxZoom);
}

TEST_CASE("fitZoom shows the whole image") {
    CHECK(ui::fitZoom(ui::PaneGeometry{400.0f, 300.0f}, 800, 300) == doctest::Approx(0.5f));
    CHECK(ui::fitZoom(ui::PaneGeometry{400.0f, 300.0f}, 100, 100) == doctest::Approx(3.0f));
    CHECK(ui::fitZoom(ui::PaneGeometry{400.0f, 300.0f}, 1, 1) == ui::kMaxZoom);
}

TEST_CASE("the mouse wheel, Ctrl+= and dragging zoom and pan the view") {
    test::HeadlessImGui imgui;
    ui::AppState state;
    state.input = std::make_shared<const Image>(256, 256);
    state.request = makePreset("box3");
    ui::CommandQueue commands;
    ui::NullPresenter presenter;
    ui::MainUi mainUi;
    const auto frame = [&] {
        ui::UiContext context{state, commands, presenter, imgui.keys};
        mainUi.draw(context);
    };
    imgui.frames(2, frame);
    REQUIRE(state.canvas.width > 100.0f);
    const float fitted = state.view.zoom;
    CHECK(state.view.fit);
    const ImVec2 centre(state.canvas.x + state.canvas.width * 0.5f,
                        state.canvas.y + state.canvas.height * 0.5f);

    imgui.moveMouse(centre);
    imgui.frame(frame);
    ImGui::GetIO().MouseWheel = 1.0f;
    imgui.frame(frame);
    CHECK(state.view.zoom == doctest::Approx(fitted * 1.25f));
    CHECK_FALSE(state.view.fit);

    imgui.ctrl(true);
    imgui.press(test::kKeyEqual, frame);
    imgui.ctrl(false);
    CHECK(state.view.zoom == doctest::Approx(fitted * 1.25f * 1.25f));

    const float centreX = state.view.centreX;
    imgui.mouseDown(true);
    imgui.frame(frame);
    imgui.moveMouse(ImVec2(centre.x - 40.0f, centre.y));
    imgui.frame(frame);
    imgui.mouseDown(false);
    imgui.frame(frame);
    CHECK(state.view.centreX == doctest::Approx(centreX + 40.0f / state.view.zoom));

    imgui.ctrl(true);
    imgui.press(test::kKeyZero, frame);
    imgui.ctrl(false);
    CHECK(state.view.fit);
    CHECK(state.view.zoom == doctest::Approx(fitted));
}

TEST_CASE("F12 and Ctrl+S ask the app for a screenshot and an output save") {
    test::HeadlessImGui imgui;
    ui::AppState state;
    ui::CommandQueue commands;
    ui::NullPresenter presenter;
    ui::MainUi mainUi;
    const auto frame = [&] {
        ui::UiContext context{state, commands, presenter, imgui.keys};
        mainUi.draw(context);
    };
    imgui.frame(frame);
    imgui.press(test::kKeyF12, frame);
    imgui.ctrl(true);
    imgui.press(test::kKeyS, frame);
    imgui.ctrl(false);
    int screenshots = 0;
    int saves = 0;
    for (const ui::Command& c : commands.take()) {
        screenshots += std::holds_alternative<ui::TakeScreenshot>(c) ? 1 : 0;
        saves += std::holds_alternative<ui::SaveOutput>(c) ? 1 : 0;
    }
    CHECK(screenshots == 1);
    CHECK(saves == 1);
}

}  // namespace convis
