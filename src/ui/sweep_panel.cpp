// The sweep tab.
#include "ui/sweep_panel.hpp"

#include <algorithm>
#include <utility>

#include "core/chart_scale.hpp"
#include "core/export_csv.hpp"
#include "core/sweep.hpp"
#include "ui/chart.hpp"

namespace convis::ui {

namespace {

void drawSettings(UiContext& context) {
    SweepState& sweep = context.state.sweep;
    SweepSettings& s = sweep.settings;
    const float field = ImGui::GetFontSize() * 6.0f;
    const char* sides[] = {"32", "64", "128", "256", "512", "1024", "2048", "4096", "8192"};
    const auto sideIndex = [](int side) {
        int i = 0;
        while ((32 << i) < side && i < 8) {
            ++i;
        }
        return i;
    };
    int from = sideIndex(s.from);
    int to = sideIndex(s.to);
    if (sweep.running) {
        if (ImGui::Button("Cancel")) {
            context.commands.push(CancelSweep{});
        }
        tooltip("Stops after the current run; the cases finished so far are kept.");
    } else if (ImGui::Button("Start sweep")) {
        context.commands.push(StartSweep{s});
    }
    tooltip("Times every available backend at every size (on a worker thread).");
    ImGui::SameLine();
    ImGui::BeginDisabled(sweep.running);
    ImGui::SetNextItemWidth(field);
    if (ImGui::Combo("from", &from, sides, 9)) {
        s.from = 32 << from;
        s.to = std::max(s.to, s.from);
    }
    tooltip("Smallest image side; the sweep doubles it up to 'to'.");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(field);
    if (ImGui::Combo("to", &to, sides, 9)) {
        s.to = 32 << to;
        s.from = std::min(s.from, s.to);
    }
    tooltip("Largest image side.");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(field);
    if (ImGui::SliderInt("kernel K x K", &s.kernel, 3, 31, "%d")) {
        s.kernel |= 1;  // odd sizes only
    }
    tooltip("Size of the dense K x K kernel (3 to 31).");
    ImGui::SetNextItemWidth(field);
    ImGui::SliderInt("samples", &s.samples, 1, 30);
    tooltip("Measured runs per case (after one cold run). More = steadier medians, slower.");
    ImGui::SameLine();
    int seqIndex = sideIndex(s.maxSequential);
    ImGui::SetNextItemWidth(field);
    if (ImGui::Combo("sequential up to", &seqIndex, sides, 9)) {
        s.maxSequential = 32 << seqIndex;
    }
    tooltip(
        "cpu-sequential is slow on big images: it is skipped above this side (noted in the "
        "results) so a sweep takes seconds.");
    ImGui::EndDisabled();
}

}  // namespace

SweepPanel::SweepPanel() : Panel("Sweep") {}

void SweepPanel::drawContent(UiContext& context) {
    AppState& state = context.state;
    SweepState& sweep = state.sweep;
    const ImVec2 panelMin = ImGui::GetWindowPos();
    const ImVec2 panelSize = ImGui::GetWindowSize();
    drawSettings(context);
    if (sweep.running) {
        ImGui::ProgressBar(static_cast<float>(sweep.progress), ImVec2(-1.0f, 0.0f),
                           sweep.status.c_str());
    } else if (!sweep.status.empty()) {
        ImGui::TextUnformatted(sweep.status.c_str());
    }
    if (!sweep.report) {
        ImGui::TextWrapped(
            "Times every available backend on noise images from small to large "
            "and finds where the GPU, data transfers included, starts to beat "
            "each CPU path. Press Start sweep.");
        return;
    }
    const TimingReport& report = *sweep.report;
    ImGui::BeginDisabled(report.records.empty());
    if (ImGui::Button("CSV")) {
        context.commands.push(ExportData{"sweep", DataFormat::Csv});
    }
    tooltip("Every sample of the sweep as CSV in the export folder.");
    sameLineIfFits("JSON");
    if (ImGui::Button("JSON")) {
        context.commands.push(ExportData{"sweep", DataFormat::Json});
    }
    tooltip("Every sample and the crossovers as JSON in the export folder.");
    sameLineIfFits("Copy as tab-separated text");
    if (ImGui::Button("Copy as tab-separated text")) {
        ImGui::SetClipboardText(timingSummaryTsv(report).c_str());
        context.commands.push(PostMessage{MessageLevel::Info, "sweep summary copied"});
    }
    tooltip("Median, p10, p90 per backend, size and stage, ready to paste into a spreadsheet.");
    sameLineIfFits("PNG");
    if (ImGui::Button("PNG") || std::exchange(m_pressPng, false)) {
        context.commands.push(
            CaptureRegion{"convis-sweep", panelMin.x, panelMin.y, panelSize.x, panelSize.y});
    }
    tooltip("A picture of this tab into the export folder.");
    ImGui::EndDisabled();

    const std::vector<Crossover> crossovers = findCrossovers(report);
    for (const Crossover& x : crossovers) {
        ImGui::Bullet();
        ImGui::TextUnformatted(x.text.c_str());
    }
    if (crossovers.empty()) {
        ImGui::TextDisabled(
            "No GPU backend in this sweep, so no crossover (%s).",
            state.machine.haveGpu ? "none selected" : state.machine.gpuReason.c_str());
    }
    for (const std::string& note : report.notes) {
        ImGui::TextDisabled("note: %s", note.c_str());
    }

    LineChart chart;
    chart.xLabel = "image size (pixels, log)";
    chart.yLabel = "ms (log)";
    chart.logX = true;
    chart.logY = true;
    chart.xText = [](double pixels) { return pixelCountLabel(pixels); };
    const std::vector<std::string> backends = reportBackends(report);
    const std::vector<std::string> kernels = reportKernels(report);
    if (kernels.size() > 1) {
        // A sweep over several kernel sizes: one chart at a time.
        m_kernel = std::clamp(m_kernel, 0, static_cast<int>(kernels.size()) - 1);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
        if (ImGui::BeginCombo("kernel shown",
                              kernels[static_cast<std::size_t>(m_kernel)].c_str())) {
            for (std::size_t i = 0; i < kernels.size(); ++i) {
                if (ImGui::Selectable(kernels[i].c_str(), static_cast<int>(i) == m_kernel)) {
                    m_kernel = static_cast<int>(i);
                }
            }
            ImGui::EndCombo();
        }
    }
    const std::string kernel = kernels.empty()
                                   ? std::string()
                                   : kernels[static_cast<std::size_t>(std::clamp(
                                         m_kernel, 0, static_cast<int>(kernels.size()) - 1))];
    chart.title = "Time per image vs size, " + kernel +
                  " (solid: end to end, dashed: kernel only; band: p10..p90)";
    for (std::size_t b = 0; b < backends.size(); ++b) {
        int colourIndex = static_cast<int>(b);
        for (std::size_t i = 0; i < state.backends.size(); ++i) {
            if (state.backends[i].id == backends[b]) {
                colourIndex = static_cast<int>(i);
            }
        }
        for (const SeriesPoint& p : sweepSeries(report, backends[b], kernel, "total")) {
            if (std::find(chart.xTicks.begin(), chart.xTicks.end(), p.pixels) ==
                chart.xTicks.end()) {
                chart.xTicks.push_back(p.pixels);
            }
        }
        for (const char* stage : {"total", "kernel-only"}) {
            const std::vector<SeriesPoint> points = sweepSeries(report, backends[b], kernel, stage);
            if (points.empty()) {
                continue;
            }
            ChartSeries s;
            s.dashed = std::string(stage) == "kernel-only";
            s.label = backends[b] + (s.dashed ? " kernel only" : "");
            s.colour = chartColour(colourIndex);
            for (const SeriesPoint& p : points) {
                s.x.push_back(p.pixels);
                s.y.push_back(p.median);
                s.lo.push_back(p.p10);
                s.hi.push_back(p.p90);
            }
            chart.series.push_back(std::move(s));
        }
    }
    std::sort(chart.xTicks.begin(), chart.xTicks.end());
    for (const Crossover& x : crossovers) {
        if (x.found && x.kernelName == kernel) {
            chart.markers.push_back({static_cast<double>(x.width) * x.height,
                                     "GPU wins vs " + x.cpuBackend, okabeItoColour(6)});
        }
    }
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    drawLineChart("##sweep-chart", chart, ImVec2(avail.x, std::max(avail.y, 200.0f)));
}

}  // namespace convis::ui
