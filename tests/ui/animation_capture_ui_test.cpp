// The animation panel's capture and whole-image proof controls driven headlessly: the buttons
// issue their commands, a running capture shows its frame, keeps the tracks where they were and
// offers Cancel, a running proof offers Cancel.
#include <doctest/doctest.h>

#include <memory>
#include <optional>

#include "core/kernel_presets.hpp"
#include "core/patterns.hpp"
#include "headless_imgui.hpp"
#include "ui/animation_panel.hpp"
#include "ui/main_ui.hpp"

namespace convis {

namespace {

struct Fixture {
    test::HeadlessImGui imgui{1280.0f, 800.0f};
    ui::AppState state;
    ui::CommandQueue commands;
    ui::NullPresenter presenter;
    ui::MainUi mainUi;
    ui::AnimationPanel* animation = nullptr;

    Fixture() {
        state.input = std::make_shared<const Image>(makePattern("gradient", 64, 48));
        state.output = state.input;
        state.outputCurrent = true;
        state.request = makePreset("identity");
        auto panel = std::make_unique<ui::AnimationPanel>();
        animation = panel.get();
        mainUi.addWorkspacePanel(std::move(panel));
        mainUi.selectWorkspaceTab(animation->title());
        animation->setRegion(Region{8, 8, 12, 10});
        animation->configure(ui::AnimationMode::GpuWaves, 0.0, false);
        frames(3);
    }

    void draw() {
        ui::UiContext context{state, commands, presenter, imgui.keys};
        mainUi.draw(context);
    }
    void frames(int n) {
        imgui.frames(n, [this] { draw(); });
    }

    // Clicks along the rows above the tracks until a command of type T comes out.
    template <class T>
    std::optional<T> find() {
        const float step = ImGui::GetFrameHeight() * 0.5f;
        for (float y = 20.0f; y < state.animationGrid.y; y += step) {
            for (float x = 4.0f; x < 1280.0f; x += 10.0f) {
                commands.take();
                imgui.click(ImVec2(x, y), [this] { draw(); });
                imgui.moveMouse(ImVec2(-100.0f, -100.0f));
                frames(1);
                for (const ui::Command& c : commands.take()) {
                    if (const T* found = std::get_if<T>(&c)) {
                        return *found;
                    }
                }
            }
        }
        return std::nullopt;
    }
};

}  // namespace

TEST_CASE("animation: Export 'Panel as on screen' asks the app to capture the panel") {
    Fixture f;
    const auto request = f.find<ui::CapturePanel>();
    REQUIRE(request);
    CHECK(request->frames == 120);   // the frames field's default
    CHECK(request->folder.empty());  // a new folder in the export folder
    // Named after the mode shown (the scan may have clicked another mode's button first).
    ui::AnimationMode mode{};
    CHECK(ui::parseAnimationMode(request->name, mode));
}

TEST_CASE("animation: during a capture the panel draws the asked frame in place, with Cancel") {
    Fixture f;
    const ui::AnimationGridRect before = f.state.animationGrid;
    f.state.panelCapture.active = true;
    f.state.panelCapture.frames = 10;
    f.state.panelCapture.next = 3;
    f.state.panelCapture.written = 3;
    f.frames(2);
    const ui::PanelCapture& c = f.state.panelCapture;
    CHECK(c.drawn == 3);
    CHECK(c.problem.empty());
    // Both tracks (sequential beside the GPU waves), titles and footers included.
    CHECK(c.width > 2.0f * static_cast<float>(before.columns) * before.cell);
    CHECK(c.height > static_cast<float>(before.rows) * before.cell);
    CHECK(c.y < before.y);
    // The progress bar replaces the export row without moving the tracks.
    CHECK(f.state.animationGrid.y == before.y);
    CHECK(f.state.animationGrid.x == before.x);
    CHECK(f.state.animating);  // the frame loop keeps drawing until the capture ends
    CHECK(f.find<ui::CancelPanelCapture>());
}

TEST_CASE("animation: a capture with nothing to draw reports why instead of waiting") {
    Fixture f;
    f.state.panelCapture.active = true;
    f.state.panelCapture.frames = 4;
    f.state.input.reset();
    f.frames(1);
    CHECK(f.state.panelCapture.drawn == -1);
    CHECK_FALSE(f.state.panelCapture.problem.empty());
}

TEST_CASE("animation: 'Shuffle whole image' starts the proof, and a running one can be cancelled") {
    Fixture f;
    const auto start = f.find<ui::ProveOrderWholeImage>();
    REQUIRE(start);
    CHECK(start->seed > 1);  // a fresh seed each time
    f.state.orderProof.running = true;
    f.state.orderProof.progress = 0.3;
    f.frames(2);
    CHECK(f.find<ui::CancelOrderProof>());
}

}  // namespace convis
