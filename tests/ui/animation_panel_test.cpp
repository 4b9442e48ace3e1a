// The animation panel and the inspector driven headlessly: playing keeps the frame loop awake
// until the schedule ends, the clock follows frame time, and a click pins, Esc unpins.
#include <doctest/doctest.h>

#include <cstdlib>
#include <memory>

#include "core/kernel_presets.hpp"
#include "core/patterns.hpp"
#include "headless_imgui.hpp"
#include "ui/animation_panel.hpp"
#include "ui/main_ui.hpp"

namespace convis {

TEST_CASE("animation: playing asks for frames until the schedule ends, then stops") {
    test::HeadlessImGui imgui;
    ui::AppState state;
    state.input = std::make_shared<const Image>(makePattern("gradient", 40, 30));
    state.output = state.input;
    state.outputCurrent = true;
    state.request = makePreset("identity");
    ui::CommandQueue commands;
    ui::NullPresenter presenter;
    ui::MainUi mainUi;
    auto panel = std::make_unique<ui::AnimationPanel>();
    ui::AnimationPanel* animation = panel.get();
    mainUi.addWorkspacePanel(std::move(panel));
    mainUi.selectWorkspaceTab(animation->title());
    // 4x2 outputs in raster order: 8 steps; at the default 10x and 0.05 s a frame, 16 frames.
    animation->setRegion(Region{3, 4, 4, 2});
    animation->configure(ui::AnimationMode::Sequential, 0.0, true);
    ImGui::GetIO().DeltaTime = 0.05f;
    const auto frame = [&] {
        ui::UiContext context{state, commands, presenter, imgui.keys};
        mainUi.draw(context);
    };
    imgui.frames(3, frame);
    CHECK(state.animating);
    CHECK(state.animationGrid.columns == 4);
    CHECK(state.animationGrid.rows == 2);
    imgui.frames(20, frame);
    CHECK_FALSE(state.animating);  // reached the end: the loop may sleep again
    CHECK(commands.empty());
}

TEST_CASE("inspector: a click pins an output pixel, Esc unpins") {
    test::HeadlessImGui imgui;
    ui::AppState state;
    state.input = std::make_shared<const Image>(makePattern("noise", 64, 64));
    state.output = state.input;
    state.request = makePreset("box3");
    state.view.mode = ui::ViewMode::Output;
    ui::CommandQueue commands;
    ui::NullPresenter presenter;
    ui::MainUi mainUi;
    const auto frame = [&] {
        ui::UiContext context{state, commands, presenter, imgui.keys};
        mainUi.draw(context);
    };
    imgui.frames(3, frame);
    REQUIRE(state.canvas.width > 100.0f);
    const ImVec2 centre(state.canvas.x + state.canvas.width * 0.5f,
                        state.canvas.y + state.canvas.height * 0.5f);
    imgui.moveMouse(centre);
    imgui.frames(2, frame);
    imgui.mouseDown(true);
    imgui.frame(frame);
    imgui.mouseDown(false);
    imgui.frames(2, frame);
    CHECK(state.inspector.pinned);
    CHECK(state.inspector.onOutput);
    // Fitted: the canvas centre is the image centre, on a pixel boundary.
    CHECK(std::abs(state.inspector.x - 32) <= 1);
    CHECK(std::abs(state.inspector.y - 32) <= 1);
    imgui.key(test::kKeyEscape, true);
    imgui.frame(frame);
    imgui.key(test::kKeyEscape, false);
    imgui.frame(frame);
    CHECK_FALSE(state.inspector.pinned);
}

}  // namespace convis
