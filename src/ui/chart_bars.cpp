// Stacked bar chart: one bar per run, its stages stacked bottom-up on a linear axis, setting
// changes as dashed lines between bars, legend and a hover read-out of the bar.
#include <algorithm>
#include <cmath>

#include "ui/chart.hpp"
#include "ui/chart_common.hpp"

namespace convis::ui {

void drawStackedBars(const char* id, const StackedBars& b, ImVec2 size) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    size.x = std::max(size.x, 120.0f);
    size.y = std::max(size.y, 90.0f);
    ImGui::InvisibleButton(id, size);
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    std::vector<chart::LegendEntry> legend;
    for (std::size_t s = 0; s < b.stages.size(); ++s) {
        legend.push_back({b.stages[s],
                          s < b.colours.size() ? b.colours[s] : chartColour(static_cast<int>(s)),
                          false});
    }
    const int legendRows =
        chart::legendRowCount(chart::layoutFrame(origin, size, !b.title.empty()), legend);
    const chart::Frame frame = chart::layoutFrame(origin, size, !b.title.empty(), legendRows);

    std::vector<double> totals;
    for (const std::vector<double>& bar : b.values) {
        double sum = 0.0;
        for (double v : bar) {
            if (std::isfinite(v) && v > 0.0) {
                sum += v;
            }
        }
        totals.push_back(sum);
    }
    totals.push_back(0.0);  // bars start at zero
    const AxisRange yr = dataRange(totals, false).value_or(AxisRange{0.0, 1.0});
    const float line = ImGui::GetTextLineHeight();
    const Ticks yt = chart::axisTicks(yr, false, frame.plotMax.y - frame.plotMin.y, line * 2.5f);
    const double n = static_cast<double>(std::max<std::size_t>(b.values.size(), 1));
    const AxisScale xScale(AxisRange{0.0, n}, false, frame.plotMin.x, frame.plotMax.x);
    const AxisScale yScale(yt.range, false, frame.plotMax.y, frame.plotMin.y);
    Ticks xt;
    const auto step = static_cast<std::size_t>(std::max(1.0, std::ceil(n / 8.0)));
    for (std::size_t i = 0; i < b.values.size(); i += step) {
        xt.major.push_back(static_cast<double>(i) + 0.5);
    }
    chart::drawAxes(
        draw, frame, xScale, xt, yScale, yt, "run (oldest left)", b.yLabel,
        [](double v) { return std::to_string(static_cast<long long>(v - 0.5) + 1); }, b.title);

    const float barWidth = (frame.plotMax.x - frame.plotMin.x) / static_cast<float>(n);
    const float gap = barWidth > 6.0f ? std::min(barWidth * 0.2f, 4.0f) : 0.0f;
    std::size_t hoveredBar = b.values.size();
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    for (std::size_t i = 0; i < b.values.size(); ++i) {
        const float x0 = xScale.toPixel(static_cast<double>(i)) + gap * 0.5f;
        const float x1 = x0 + barWidth - gap;
        double base = 0.0;
        for (std::size_t s = 0; s < b.values[i].size(); ++s) {
            const double v = b.values[i][s];
            if (!std::isfinite(v) || v <= 0.0) {
                continue;
            }
            const float y0 = yScale.toPixel(base);
            const float y1 = yScale.toPixel(base + v);
            const ImU32 colour =
                s < b.colours.size() ? b.colours[s] : chartColour(static_cast<int>(s));
            draw->AddRectFilled(ImVec2(x0, y1), ImVec2(std::max(x1, x0 + 1.0f), y0), colour);
            base += v;
        }
        if (hovered && mouse.x >= x0 - gap * 0.5f && mouse.x < x0 + barWidth - gap * 0.5f) {
            hoveredBar = i;
            draw->AddRect(ImVec2(x0, yScale.toPixel(base)), ImVec2(x1, frame.plotMax.y),
                          chart::textColour());
        }
    }
    for (std::size_t before : b.markerBefore) {
        const float x = xScale.toPixel(static_cast<double>(before));
        chart::dashedLine(draw, ImVec2(x, frame.plotMin.y), ImVec2(x, frame.plotMax.y),
                          chart::textColour(), 1.5f);
    }
    chart::drawLegend(draw, frame, legend);
    if (hoveredBar < b.values.size()) {
        std::string text = hoveredBar < b.barLabels.size() ? b.barLabels[hoveredBar] : "";
        double sum = 0.0;
        for (std::size_t s = 0; s < b.values[hoveredBar].size() && s < b.stages.size(); ++s) {
            const double v = b.values[hoveredBar][s];
            if (std::isfinite(v) && v > 0.0) {
                text += "\n" + b.stages[s] + ": " + tickLabel(v, "ms");
                sum += v;
            }
        }
        text += "\nsum: " + tickLabel(sum, "ms");
        ImGui::SetTooltip("%s", text.c_str());
    }
}

}  // namespace convis::ui
