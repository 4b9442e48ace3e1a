// The kernel editor driven through ImGui input: typing into the weight grid changes the request;
// non-finite and out-of-range entries are refused with a message and never reach the request.
#include <doctest/doctest.h>

#include <memory>

#include "core/kernel_presets.hpp"
#include "headless_imgui.hpp"
#include "ui/main_ui.hpp"

namespace convis {

namespace {

// The window's UI on a small image, with the app's command execution reduced to what these
// tests need: SetRequest is applied to the model like the app does between frames.
struct UiHarness {
    test::HeadlessImGui imgui;
    ui::AppState state;
    ui::CommandQueue commands;
    ui::NullPresenter presenter;
    ui::MainUi mainUi;
    std::vector<ui::Command> executed;

    UiHarness() {
        state.input = std::make_shared<const Image>(64, 48);
        state.imageName = "test";
        state.request = makePreset("box3");
        state.presetId = "box3";
    }

    void draw() {
        ui::UiContext context{state, commands, presenter, imgui.keys};
        mainUi.draw(context);
    }

    // Runs frames, applying SetRequest commands between them as the app does.
    auto drawer() {
        return [this] {
            for (ui::Command& command : commands.take()) {
                if (auto* set = std::get_if<ui::SetRequest>(&command)) {
                    state.request = set->request;
                    state.presetId = set->presetId;
                }
                executed.push_back(std::move(command));
            }
            draw();
        };
    }

    ImVec2 cellCentre(int x, int y) {
        const ImVec4 r = mainUi.kernelPanel().cellRect(x, y);
        return ImVec2((r.x + r.z) * 0.5f, (r.y + r.w) * 0.5f);
    }

    template <class T>
    int count() const {
        int n = 0;
        for (const ui::Command& c : executed) {
            n += std::holds_alternative<T>(c) ? 1 : 0;
        }
        return n;
    }

    void typeIntoCell(int x, int y, std::string_view text) {
        auto frame = drawer();
        imgui.frames(2, frame);
        const ImVec2 at = cellCentre(x, y);
        REQUIRE(at.x > 0.0f);
        imgui.click(at, frame);
        imgui.type(text);
        imgui.frame(frame);
        imgui.press(test::kKeyEnter, frame);
    }
};

}  // namespace

TEST_CASE("typing a weight into the kernel grid changes the request") {
    UiHarness h;
    h.typeIntoCell(0, 0, "2");
    CHECK(h.count<ui::SetRequest>() == 1);
    CHECK(h.state.request.kernel.at(0, 0) == 2.0f);
    CHECK(h.state.request.kernel.at(1, 1) == 1.0f);  // the others are unchanged
    CHECK(h.state.request.divisor == 9.0f);
    CHECK(h.state.presetId.empty());  // an edited kernel is no longer the preset
    CHECK(h.mainUi.kernelPanel().error().empty());

    // A fraction is accepted too, in another cell.
    h.typeIntoCell(2, 1, "-1/4");
    CHECK(h.state.request.kernel.at(2, 1) == -0.25f);
    CHECK(h.state.request.kernel.at(0, 0) == 2.0f);
}

TEST_CASE("a non-finite or out-of-range weight is refused with a message") {
    for (const char* text : {"1e39", "1e7", "1/0", "--3"}) {
        CAPTURE(text);
        UiHarness h;
        const ConvRequest before = h.state.request;
        h.typeIntoCell(1, 1, text);
        CHECK(h.count<ui::SetRequest>() == 0);
        CHECK(h.state.request == before);
        CHECK(h.count<ui::PostMessage>() == 1);
        CHECK_FALSE(h.mainUi.kernelPanel().error().empty());
    }
}

TEST_CASE("Ctrl+click typing on the offset slider clamps instead of accepting infinity") {
    UiHarness h;
    auto frame = h.drawer();
    h.imgui.frames(2, frame);
    const ImVec4 r = h.mainUi.kernelPanel().offsetRect();
    REQUIRE(r.z > r.x);
    h.imgui.ctrl(true);
    h.imgui.click(ImVec2((r.x + r.z) * 0.5f, (r.y + r.w) * 0.5f), frame);
    h.imgui.ctrl(false);
    h.imgui.type("1e39");
    h.imgui.frame(frame);
    h.imgui.press(test::kKeyEnter, frame);
    CHECK(h.count<ui::SetRequest>() >= 1);
    CHECK(h.state.request.offset == 255.0f);
}

}  // namespace convis
