// The live timing tab.
#include "ui/timing_panel.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <utility>

#include "core/export_csv.hpp"
#include "ui/chart.hpp"
#include "ui/timing_model.hpp"

namespace convis::ui {

namespace {

std::string ms(double value) {
    if (!std::isfinite(value)) {
        return "-";
    }
    char text[32];
    std::snprintf(text, sizeof text, value < 1.0 ? "%.4f" : "%.2f", value);
    return text;
}

std::string times(double value) {
    if (!std::isfinite(value)) {
        return "-";
    }
    char text[32];
    std::snprintf(text, sizeof text, "%.1fx", value);
    return text;
}

int backendIndex(const AppState& state, const std::string& id) {
    for (std::size_t i = 0; i < state.backends.size(); ++i) {
        if (state.backends[i].id == id) {
            return static_cast<int>(i);
        }
    }
    return static_cast<int>(state.backends.size());
}

void drawTable(const AppState& state, const std::vector<BackendTiming>& rows) {
    const ImGuiTableFlags flags =
        ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("timing-table", 9, flags)) {
        return;
    }
    for (const char* h : {"backend", "runs", "cold ms", "median ms", "p10 ms", "p90 ms",
                          "kernel-only ms", "speed-up: kernel", "end to end"}) {
        ImGui::TableSetupColumn(h);
    }
    ImGui::TableHeadersRow();
    for (const BackendTiming& b : rows) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::ColorButton(
            "##c", ImGui::ColorConvertU32ToFloat4(chartColour(backendIndex(state, b.backendId))),
            ImGuiColorEditFlags_NoTooltip, ImVec2(10, 10));
        ImGui::SameLine();
        ImGui::TextUnformatted(b.backendId.c_str());
        if (b.belowResolution) {
            ImGui::SameLine();
            ImGui::TextColored(ImVec4(0.9f, 0.62f, 0.0f, 1.0f), "(!)");
            tooltip(
                "A median is under 10x the timer's resolution: the figure is mostly rounding. "
                "Use a larger image or kernel.");
        }
        ImGui::TableNextColumn();
        ImGui::Text("%zu", b.runs);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(ms(b.coldMs).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(ms(b.total.median).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(ms(b.total.p10).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(ms(b.total.p90).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted((ms(b.kernel.median) + " (" + b.kernelStage + ")").c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(times(b.speedupKernel).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(times(b.speedupTotal).c_str());
    }
    ImGui::EndTable();
}

}  // namespace

TimingPanel::TimingPanel() : Panel("Timing") {}

void TimingPanel::drawContent(UiContext& context) {
    AppState& state = context.state;
    const ImVec2 panelMin = ImGui::GetWindowPos();
    const ImVec2 panelSize = ImGui::GetWindowSize();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
    ImGui::SliderInt("runs shown", &m_window, 300, static_cast<int>(kMaxRunHistory));
    tooltip("How many of the most recent runs the charts show (the history keeps 2000).");
    ImGui::SameLine();
    if (ImGui::Button("Run again")) {
        context.commands.push(RunNow{});
    }
    tooltip("Runs the selected backend once more on the current image: each run adds a sample.");
    sameLineIfFits("CSV");
    if (ImGui::Button("CSV")) {
        context.commands.push(ExportData{"timing", DataFormat::Csv});
    }
    tooltip("Every run (stages, cold and warm) as CSV in the export folder.");
    sameLineIfFits("JSON");
    if (ImGui::Button("JSON")) {
        context.commands.push(ExportData{"timing", DataFormat::Json});
    }
    tooltip("Every run as JSON in the export folder.");
    sameLineIfFits("Copy as tab-separated text");
    if (ImGui::Button("Copy as tab-separated text")) {
        const TimingReport report = historyReport(state.runHistory, {}, std::nullopt);
        ImGui::SetClipboardText(timingSummaryTsv(report).c_str());
        context.commands.push(PostMessage{MessageLevel::Info, "timing summary copied"});
    }
    tooltip("Median, p10, p90 per backend and stage, ready to paste into a spreadsheet.");
    sameLineIfFits("PNG");
    if (ImGui::Button("PNG") || std::exchange(m_pressPng, false)) {
        context.commands.push(
            CaptureRegion{"convis-timing", panelMin.x, panelMin.y, panelSize.x, panelSize.y});
    }
    tooltip("A picture of this tab into the export folder.");

    const std::vector<RunRecord>& history = state.runHistory;
    const auto window = static_cast<std::size_t>(m_window);
    const std::size_t first = history.size() > window ? history.size() - window : 0;
    if (history.empty()) {
        ImGui::TextWrapped(
            "No runs yet. Every run of a backend (live edits, Run) adds a sample "
            "here; run cpu-sequential too to see the speed-ups.");
        return;
    }
    const std::vector<BackendTiming> rows = backendTimings(history, state.settingEpoch, window);
    ImGui::TextWrapped(
        "Current image and kernel. The first run of each backend is cold and "
        "shown apart; medians and p10/p90 are over the warm runs; speed-ups are "
        "over cpu-sequential, kernel only and end to end.");
    drawTable(state, rows);
    if (std::none_of(rows.begin(), rows.end(),
                     [](const BackendTiming& b) { return b.backendId == "cpu-sequential"; })) {
        ImGui::TextDisabled("Run cpu-sequential on this image to get the speed-ups.");
    }

    // End-to-end time per run, per backend: cold runs as separate dots, settings as markers.
    LineChart line;
    line.title = "End-to-end time per run (log scale; dashed: median, band: p10..p90)";
    line.xLabel = "run";
    line.yLabel = "ms";
    line.logY = true;
    std::map<std::string, std::size_t> seriesOf;
    ChartSeries cold;
    cold.label = "cold (first run)";
    cold.colour = ImGui::GetColorU32(ImGuiCol_Text);
    std::map<std::pair<std::string, std::uint32_t>, bool> seen;
    for (const SettingMarker& m : settingMarkers(history, first, state.settingChanges)) {
        line.markers.push_back({m.x, m.label, 0});
    }
    for (std::size_t i = first; i < history.size(); ++i) {
        const RunRecord& run = history[i];
        const double x = static_cast<double>(i - first + 1);
        if (!seen.emplace(std::make_pair(run.backendId, run.setting), true).second) {
            auto it = seriesOf.find(run.backendId);
            if (it == seriesOf.end()) {
                ChartSeries s;
                s.label = run.backendId;
                s.colour = chartColour(backendIndex(state, run.backendId));
                line.series.push_back(s);
                it = seriesOf.emplace(run.backendId, line.series.size() - 1).first;
            }
            line.series[it->second].x.push_back(x);
            line.series[it->second].y.push_back(run.milliseconds);
        } else {
            cold.x.push_back(x);
            cold.y.push_back(run.milliseconds);
        }
    }
    // Cold runs are isolated dots: NaN between them breaks the line.
    ChartSeries coldDots;
    coldDots.label = cold.label;
    coldDots.colour = cold.colour;
    for (std::size_t i = 0; i < cold.x.size(); ++i) {
        coldDots.x.push_back(cold.x[i]);
        coldDots.y.push_back(cold.y[i]);
        coldDots.x.push_back(cold.x[i]);
        coldDots.y.push_back(NAN);
    }
    line.series.push_back(coldDots);
    // The warm median of the current setting as a dashed level per backend, p10..p90 as a band,
    // across the runs of this setting.
    double settingStart = 0.0;
    for (std::size_t i = first; i < history.size(); ++i) {
        if (history[i].setting == state.settingEpoch) {
            settingStart = static_cast<double>(i - first + 1);
            break;
        }
    }
    const double settingEnd = static_cast<double>(history.size() - first);
    for (const BackendTiming& b : rows) {
        if (b.total.count == 0 || settingStart == 0.0) {
            continue;
        }
        ChartSeries level;
        level.colour = chartColour(backendIndex(state, b.backendId));
        level.dashed = true;
        level.points = false;
        level.x = {settingStart, settingEnd};
        level.y = {b.total.median, b.total.median};
        level.lo = {b.total.p10, b.total.p10};
        level.hi = {b.total.p90, b.total.p90};
        line.series.push_back(level);
    }
    const float avail = ImGui::GetContentRegionAvail().y;
    const float width = ImGui::GetContentRegionAvail().x;
    drawLineChart("##timing-line", line, ImVec2(width, std::max(avail * 0.5f, 160.0f)));

    // The last runs' stages, stacked.
    StackedBars bars;
    ImGui::Checkbox("Log scale for the stage bars", &m_logBars);
    tooltip(
        "On: each bar's height is its total time on a log axis, so fast backends stay visible "
        "beside the sequential one; the stages split that height in proportion to their "
        "times. Off: stages stacked on a linear axis.");
    bars.logY = m_logBars;
    bars.title = m_logBars ? "Stages of the last runs: height = total on a log axis, stages "
                             "split in proportion"
                           : "Stages of the last runs (linear axis)";
    bars.yLabel = m_logBars ? "ms, log" : "ms";
    bars.stages = kStageOrder;
    for (std::size_t s = 0; s < kStageOrder.size(); ++s) {
        bars.colours.push_back(chartColour(static_cast<int>(s)));
    }
    const std::size_t barCount = std::min<std::size_t>(history.size(), 60);
    for (std::size_t i = history.size() - barCount; i < history.size(); ++i) {
        if (i > history.size() - barCount && history[i].setting != history[i - 1].setting) {
            bars.markerBefore.push_back(bars.values.size());
        }
        bars.values.push_back(stageBreakdown(history[i]));
        bars.barLabels.push_back(history[i].backendId + ", run " + std::to_string(history[i].run) +
                                 ", " + std::to_string(history[i].width) + "x" +
                                 std::to_string(history[i].height));
    }
    drawStackedBars("##timing-bars", bars,
                    ImVec2(width, std::max(ImGui::GetContentRegionAvail().y, 140.0f)));
}

}  // namespace convis::ui
