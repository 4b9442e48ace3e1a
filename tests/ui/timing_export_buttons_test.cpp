// The export buttons of the timing and sweep tabs, clicked headlessly: each emits its command
// (CSV, JSON, a PNG of the whole tab) or fills the clipboard, and what the CSV and JSON commands
// write lands in the export folder and reads back.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "app/exports.hpp"
#include "core/atomic_file.hpp"
#include "core/export_csv.hpp"
#include "core/export_json.hpp"
#include "headless_imgui.hpp"
#include "ui/sweep_panel.hpp"
#include "ui/timing_model.hpp"
#include "ui/timing_panel.hpp"

namespace convis {

namespace {

ui::RunRecord record(const std::string& backend, double ms, std::uint32_t setting,
                     std::uint64_t number) {
    ui::RunRecord r;
    r.backendId = backend;
    r.milliseconds = ms;
    r.stages = {{"compute", ms - 0.5}};
    r.width = 64;
    r.height = 32;
    r.pixels = 64 * 32;
    r.setting = setting;
    r.run = number;
    return r;
}

std::vector<ui::RunRecord> runs() {
    std::vector<ui::RunRecord> h;
    std::uint64_t n = 0;
    for (double ms : {120.0, 100.0, 102.0, 98.0}) {
        h.push_back(record("cpu-sequential", ms, 1, ++n));
    }
    for (double ms : {30.0, 10.0, 11.0, 9.0}) {
        h.push_back(record("cpu-parallel", ms, 1, ++n));
    }
    return h;
}

// What one click at `at` emitted (the three frames of a click).
template <class Draw>
std::vector<ui::Command> clickAt(test::HeadlessImGui& imgui, ui::CommandQueue& commands, ImVec2 at,
                                 Draw&& draw) {
    commands.take();
    imgui.click(at, draw);
    // Move away so the next click starts from a released, unhovered state.
    imgui.moveMouse(ImVec2(-100.0f, -100.0f));
    imgui.frame(draw);
    return commands.take();
}

// The export commands and clipboard copies found by clicking along the button row at `y`.
struct Found {
    std::optional<ui::ExportData> csv;
    std::optional<ui::ExportData> json;
    std::optional<ui::CaptureRegion> png;
    std::optional<std::string> copied;  // the message posted with the copy
};

template <class Draw>
Found scanRow(test::HeadlessImGui& imgui, ui::CommandQueue& commands, float y, Draw&& draw,
              Found found = {}) {
    for (float x = 4.0f; x < 990.0f; x += 4.0f) {
        for (const ui::Command& c : clickAt(imgui, commands, ImVec2(x, y), draw)) {
            if (const auto* e = std::get_if<ui::ExportData>(&c)) {
                (e->format == ui::DataFormat::Csv ? found.csv : found.json) = *e;
            } else if (const auto* r = std::get_if<ui::CaptureRegion>(&c)) {
                found.png = *r;
            } else if (const auto* m = std::get_if<ui::PostMessage>(&c)) {
                found.copied = m->text;
            }
        }
    }
    return found;
}

std::string readAll(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("the timing tab's CSV, JSON, copy and PNG buttons emit their commands") {
    test::HeadlessImGui imgui(1280.0f, 800.0f);
    ui::AppState state;
    state.runHistory = runs();
    state.settingEpoch = 1;
    ui::CommandQueue commands;
    ui::NullPresenter presenter;
    ui::TimingPanel panel;
    const auto draw = [&] {
        ui::UiContext context{state, commands, presenter, imgui.keys};
        panel.draw(context, ui::PanelRect{0, 0, 1000, 700}, false);
    };
    imgui.frames(2, draw);
    ImGui::SetClipboardText("");
    const ImGuiStyle& style = ImGui::GetStyle();
    const float row = ImGui::GetFontSize() + style.FramePadding.y * 2.0f + style.WindowPadding.y +
                      ImGui::GetFrameHeight() * 0.5f;
    const Found found = scanRow(imgui, commands, row, draw);
    REQUIRE(found.csv);
    CHECK(found.csv->what == "timing");
    REQUIRE(found.json);
    CHECK(found.json->what == "timing");
    REQUIRE(found.png);
    CHECK(found.png->stem == "convis-timing");
    CHECK(found.png->x == doctest::Approx(0.0));
    CHECK(found.png->y == doctest::Approx(0.0));
    CHECK(found.png->width == doctest::Approx(1000.0));
    CHECK(found.png->height == doctest::Approx(700.0));
    REQUIRE(found.copied);
    CHECK(*found.copied == "timing summary copied");
    const TimingReport report = ui::historyReport(state.runHistory, {}, std::nullopt);
    const std::string clipboard = ImGui::GetClipboardText();
    CHECK(clipboard == timingSummaryTsv(report));
    CHECK(clipboard.find("cpu-parallel") != std::string::npos);
    CHECK(clipboard.find('\t') != std::string::npos);
}

TEST_CASE("in a narrow timing tab the buttons wrap onto a second row and stay reachable") {
    test::HeadlessImGui imgui(1280.0f, 800.0f);
    ui::AppState state;
    state.runHistory = runs();
    state.settingEpoch = 1;
    ui::CommandQueue commands;
    ui::NullPresenter presenter;
    ui::TimingPanel panel;
    const auto draw = [&] {
        ui::UiContext context{state, commands, presenter, imgui.keys};
        panel.draw(context, ui::PanelRect{0, 0, 480, 700}, false);
    };
    imgui.frames(2, draw);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float row = ImGui::GetFontSize() + style.FramePadding.y * 2.0f + style.WindowPadding.y +
                      ImGui::GetFrameHeight() * 0.5f;
    Found found = scanRow(imgui, commands, row, draw);
    CHECK_FALSE(found.png);  // it would be off the panel's right edge on the first row
    found = scanRow(imgui, commands, row + ImGui::GetFrameHeightWithSpacing(), draw, found);
    CHECK(found.csv);
    CHECK(found.json);
    CHECK(found.copied);
    REQUIRE(found.png);
    CHECK(found.png->width == doctest::Approx(480.0));
}

TEST_CASE("the sweep tab's CSV, JSON, copy and PNG buttons emit their commands") {
    test::HeadlessImGui imgui(1280.0f, 800.0f);
    ui::AppState state;
    auto report = std::make_shared<TimingReport>(ui::historyReport(runs(), {}, std::nullopt));
    state.sweep.report = report;
    state.sweep.status = "done in 1.0 s";
    ui::CommandQueue commands;
    ui::NullPresenter presenter;
    ui::SweepPanel panel;
    const auto draw = [&] {
        ui::UiContext context{state, commands, presenter, imgui.keys};
        panel.draw(context, ui::PanelRect{0, 0, 1000, 700}, false);
    };
    imgui.frames(2, draw);
    ImGui::SetClipboardText("");
    // The button row sits below the settings and the status line: find it down the left edge.
    float row = -1.0f;
    const float left = ImGui::GetStyle().WindowPadding.x + 6.0f;
    for (float y = 20.0f; y < 400.0f && row < 0.0f; y += 3.0f) {
        for (const ui::Command& c : clickAt(imgui, commands, ImVec2(left, y), draw)) {
            if (std::holds_alternative<ui::ExportData>(c)) {
                row = y;
            }
        }
    }
    REQUIRE(row > 0.0f);
    const Found found = scanRow(imgui, commands, row, draw);
    REQUIRE(found.csv);
    CHECK(found.csv->what == "sweep");
    REQUIRE(found.json);
    CHECK(found.json->what == "sweep");
    REQUIRE(found.png);
    CHECK(found.png->stem == "convis-sweep");
    CHECK(found.png->width == doctest::Approx(1000.0));
    CHECK(found.png->height == doctest::Approx(700.0));
    REQUIRE(found.copied);
    CHECK(*found.copied == "sweep summary copied");
    CHECK(std::string(ImGui::GetClipboardText()) == timingSummaryTsv(*report));
}

TEST_CASE("timing data exported as CSV and JSON lands in the export folder and reads back") {
    namespace fs = std::filesystem;
    const fs::path dir =
        fs::temp_directory_path() / ("convis-timing-export-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    const TimingReport report = ui::historyReport(runs(), {}, std::nullopt);
    const std::string csvPath = exportFilePath(dir.string(), "convis-timing", ".csv");
    writeFileAtomically(csvPath, timingReportCsv(report));
    const std::string jsonPath = exportFilePath(dir.string(), "convis-timing", ".json");
    writeFileAtomically(jsonPath, timingReportJson(report));
    CHECK(fs::path(csvPath).parent_path() == dir);
    CHECK(fs::path(jsonPath).parent_path() == dir);
    // Only the two files: no temporary left behind by the atomic writes.
    CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 2);

    const std::string csv = readAll(csvPath);
    CHECK(csv.rfind("schema_version,report_kind,", 0) == 0);
    CHECK(csv.find("cpu-sequential") != std::string::npos);
    const std::string json = readAll(jsonPath);
    const nlohmann::json parsed = nlohmann::json::parse(json);  // throws when malformed
    CHECK(parsed.is_object());
    CHECK(parseTimingReportJson(json) == report);
    fs::remove_all(dir);
}

}  // namespace convis
