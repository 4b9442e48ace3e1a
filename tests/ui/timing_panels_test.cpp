// The timing, sweep and device tabs driven headlessly: Start/Cancel push their commands, and
// NaN, empty or one-sample data draw without tripping ImGui's checks.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <memory>

#include "headless_imgui.hpp"
#include "ui/device_panel.hpp"
#include "ui/sweep_panel.hpp"
#include "ui/timing_panel.hpp"

namespace convis {

namespace {

// Where the first widget of a panel drawn at (0, 0) with a title bar sits.
ImVec2 firstWidget() {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float title = ImGui::GetFontSize() + style.FramePadding.y * 2.0f;
    return ImVec2(style.WindowPadding.x + 12.0f,
                  title + style.WindowPadding.y + ImGui::GetFrameHeight() * 0.5f);
}

template <class T>
bool has(const std::vector<ui::Command>& commands) {
    for (const ui::Command& c : commands) {
        if (std::holds_alternative<T>(c)) {
            return true;
        }
    }
    return false;
}

}  // namespace

TEST_CASE("the sweep tab's first button starts a sweep, and cancels a running one") {
    test::HeadlessImGui imgui(1280.0f, 800.0f);
    ui::AppState state;
    ui::CommandQueue commands;
    ui::NullPresenter presenter;
    ui::SweepPanel panel;
    const auto draw = [&] {
        ui::UiContext context{state, commands, presenter, imgui.keys};
        panel.draw(context, ui::PanelRect{0, 0, 1000, 700}, false);
    };
    imgui.frames(2, draw);
    imgui.click(firstWidget(), draw);
    const std::vector<ui::Command> started = commands.take();
    REQUIRE(has<ui::StartSweep>(started));
    state.sweep.running = true;
    state.sweep.progress = 0.4;
    imgui.frames(2, draw);
    imgui.click(firstWidget(), draw);
    CHECK(has<ui::CancelSweep>(commands.take()));
}

TEST_CASE("NaN, empty and single samples draw in every tab") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    test::HeadlessImGui imgui(1280.0f, 800.0f);
    ui::AppState state;
    ui::CommandQueue commands;
    ui::NullPresenter presenter;
    ui::TimingPanel timing;
    ui::SweepPanel sweep;
    ui::DevicePanel device;
    auto report = std::make_shared<TimingReport>();
    report->kind = "sweep";
    TimingRecord r;
    r.backend = "cuda-tiled";
    r.imageWidth = 32;
    r.imageHeight = 32;
    r.kernelName = "dense9";
    r.stages = {{"total", "ms", {}, {nan, nan}}, {"kernel-only", "ms", {}, {0.0}}};
    report->records = {r};
    const auto draw = [&] {
        ui::UiContext context{state, commands, presenter, imgui.keys};
        timing.draw(context, ui::PanelRect{0, 0, 900, 700}, false);
        sweep.draw(context, ui::PanelRect{0, 0, 900, 700}, false);
        device.draw(context, ui::PanelRect{0, 0, 900, 700}, false);
    };
    imgui.frames(2, draw);  // no runs, no sweep
    state.runHistory.push_back(ui::RunRecord{"cpu-sequential", nan, {{"compute", nan}}, 0, 1, 0});
    state.sweep.report = report;
    imgui.frames(2, draw);
    state.runHistory.push_back(ui::RunRecord{"cpu-sequential", 2.0, {{"compute", 1.0}}, 16, 2, 0});
    state.runHistory.push_back(ui::RunRecord{"cpu-sequential", 0.0, {}, 16, 3, 0});
    report->records.push_back(r);  // the same size twice
    // Hover across both charts so the read-outs run on this data too.
    for (float y = 100.0f; y < 700.0f; y += 50.0f) {
        imgui.moveMouse(ImVec2(450.0f, y));
        imgui.frames(1, draw);
    }
    state.machine.haveGpu = true;
    state.machine.gpu.name = "test GPU";
    state.machine.gpu.cudaCores = 128;
    state.machine.cpuCores = 4;
    imgui.frames(2, draw);
    CHECK(ui::coresLine(state.machine) == "cores: 4 CPU vs 128 GPU");
    state.machine.haveGpu = false;
    CHECK(ui::coresLine(state.machine) == "cores: 4 CPU vs no GPU");
}

}  // namespace convis
