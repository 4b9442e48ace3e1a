// The backend panel driven through ImGui input: the thread-count control of the parallel CPU
// backend appears only for that backend and clamps what is typed into it.
#include <doctest/doctest.h>

#include <memory>

#include "core/kernel_presets.hpp"
#include "headless_imgui.hpp"
#include "ui/main_ui.hpp"

namespace convis {

namespace {

struct BackendHarness {
    test::HeadlessImGui imgui;
    ui::AppState state;
    ui::CommandQueue commands;
    ui::NullPresenter presenter;
    ui::MainUi mainUi;

    BackendHarness() {
        state.input = std::make_shared<const Image>(64, 48);
        state.request = makePreset("box3");
        state.backends = {
            {"cpu-sequential", "CPU sequential", "", BackendKind::CpuSequential, true, ""},
            {"cpu-parallel", "CPU parallel", "", BackendKind::CpuParallel, true, ""}};
        state.maxThreads = 4;
        state.threads = 2;
    }

    auto drawer() {
        return [this] {
            ui::UiContext context{state, commands, presenter, imgui.keys};
            mainUi.draw(context);
        };
    }
};

}  // namespace

TEST_CASE("the thread slider shows for cpu-parallel only and clamps typed values") {
    BackendHarness h;
    auto frame = h.drawer();
    h.state.backendId = "cpu-sequential";
    h.imgui.frames(2, frame);
    CHECK(h.mainUi.backendPanel().threadsRect().z == 0.0f);

    h.state.backendId = "cpu-parallel";
    h.imgui.frames(2, frame);
    const ImVec4 r = h.mainUi.backendPanel().threadsRect();
    REQUIRE(r.z > r.x);
    h.commands.take();
    h.imgui.ctrl(true);
    h.imgui.click(ImVec2((r.x + r.z) * 0.5f, (r.y + r.w) * 0.5f), frame);
    h.imgui.ctrl(false);
    h.imgui.type("99");
    h.imgui.frame(frame);
    h.imgui.press(test::kKeyEnter, frame);
    int last = -1;
    for (const ui::Command& c : h.commands.take()) {
        if (const auto* set = std::get_if<ui::SetThreads>(&c)) {
            last = set->threads;
        }
    }
    CHECK(last == 4);  // clamped to the CPUs available, never 99
}

}  // namespace convis
