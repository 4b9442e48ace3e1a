// Stacked bar chart: one bar per run, its stages stacked bottom-up on a linear axis (or its
// total on a log axis, split in proportion), setting changes as dashed lines between bars, the
// totals above the bars, legend and a hover read-out of the bar.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "ui/chart.hpp"
#include "ui/chart_common.hpp"

namespace convis::ui {

namespace {

// A bar's total in four characters or so, to fit above a narrow bar: "123", "23.2", "4.6",
// "0.35", "0.021" (the hover read-out has every digit).
std::string barTotalLabel(double value) {
    char text[32];
    std::snprintf(text, sizeof text,
                  value >= 100.0 ? "%.0f"
                  : value >= 1.0 ? "%.1f"
                                 : "%.2g",
                  value);
    return text;
}

}  // namespace

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
    if (!b.logY) {
        totals.push_back(0.0);  // bars start at zero
    }
    // dataRange ignores zero totals on a log axis; with no positive total, one decade.
    AxisRange yr =
        dataRange(totals, b.logY).value_or(b.logY ? AxisRange{1.0, 10.0} : AxisRange{0.0, 1.0});
    if (b.logY) {
        yr.lo /= 10.0;  // a decade below the shortest bar, so it is never a sliver at the floor
    }
    const float line = ImGui::GetTextLineHeight();
    const Ticks yt = chart::axisTicks(yr, b.logY, frame.plotMax.y - frame.plotMin.y, line * 2.5f);
    const double n = static_cast<double>(std::max<std::size_t>(b.values.size(), 1));
    const AxisScale xScale(AxisRange{0.0, n}, false, frame.plotMin.x, frame.plotMax.x);
    const AxisScale yScale(yt.range, b.logY, frame.plotMax.y, frame.plotMin.y);
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
    std::vector<ImVec4> placedLabels;  // (x0, y0, x1, y1) of the totals drawn so far
    for (std::size_t i = 0; i < b.values.size(); ++i) {
        const float x0 = xScale.toPixel(static_cast<double>(i)) + gap * 0.5f;
        const float x1 = x0 + barWidth - gap;
        const double total = totals[i];
        // Linear: each stage from its running sum. Log: the bar reaches the total on the axis
        // and each stage takes its share of that height.
        const float top = total > 0.0 ? yScale.toPixel(total) : frame.plotMax.y;
        const float pixelsPerMs =
            total > 0.0 ? (frame.plotMax.y - std::clamp(top, frame.plotMin.y, frame.plotMax.y)) /
                              static_cast<float>(total)
                        : 0.0f;
        double base = 0.0;
        for (std::size_t s = 0; s < b.values[i].size(); ++s) {
            const double v = b.values[i][s];
            if (!std::isfinite(v) || v <= 0.0) {
                continue;
            }
            const float y0 = b.logY ? frame.plotMax.y - static_cast<float>(base) * pixelsPerMs
                                    : yScale.toPixel(base);
            const float y1 =
                b.logY ? y0 - static_cast<float>(v) * pixelsPerMs : yScale.toPixel(base + v);
            const ImU32 colour =
                s < b.colours.size() ? b.colours[s] : chartColour(static_cast<int>(s));
            draw->AddRectFilled(ImVec2(x0, y1), ImVec2(std::max(x1, x0 + 1.0f), y0), colour);
            base += v;
        }
        if (b.totalLabels && total > 0.0) {
            // Above the bar, centred; skipped where it would cover a label already drawn (a
            // short bar beside a tall one keeps its label: they are at different heights).
            const std::string label = barTotalLabel(total);
            const ImVec2 textSize = ImGui::CalcTextSize(label.c_str());
            // Centred, but kept inside the plot at its two ends.
            const float left =
                std::clamp((x0 + x1 - textSize.x) * 0.5f, frame.plotMin.x + 1.0f,
                           std::max(frame.plotMax.x - textSize.x - 1.0f, frame.plotMin.x + 1.0f));
            const float y = std::max(top - textSize.y - 2.0f, frame.plotMin.y + 1.0f);
            const ImVec4 box(left - line * 0.2f, y, left + textSize.x + line * 0.2f,
                             y + textSize.y);
            bool free =
                std::none_of(placedLabels.begin(), placedLabels.end(), [&](const ImVec4& other) {
                    return box.x < other.z && other.x < box.z && box.y < other.w && other.y < box.w;
                });
            // Wider than its bar: only where it covers no neighbouring bar.
            for (const std::size_t j : {i - 1, i + 1}) {
                if (free && j < b.values.size() && totals[j] > 0.0) {
                    const float jx0 = xScale.toPixel(static_cast<double>(j)) + gap * 0.5f;
                    const float jx1 = jx0 + barWidth - gap;
                    free = !(box.x < jx1 && jx0 < box.z && box.w > yScale.toPixel(totals[j]));
                }
            }
            if (free) {
                draw->AddRectFilled(ImVec2(box.x, box.y), ImVec2(box.z, box.w),
                                    ImGui::GetColorU32(ImGuiCol_WindowBg, 0.75f));
                draw->AddText(ImVec2(left, y), chart::textColour(), label.c_str());
                placedLabels.push_back(box);
            }
        }
        if (hovered && mouse.x >= x0 - gap * 0.5f && mouse.x < x0 + barWidth - gap * 0.5f) {
            hoveredBar = i;
            draw->AddRect(ImVec2(x0, top), ImVec2(x1, frame.plotMax.y), chart::textColour());
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
