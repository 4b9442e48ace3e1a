// Line chart: log or linear axes, p10..p90 bands, dashed series, vertical markers, legend and a
// hover read-out of the nearest point.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "ui/chart.hpp"
#include "ui/chart_common.hpp"

namespace convis::ui {

void drawLineChart(const char* id, const LineChart& c, ImVec2 size) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    size.x = std::max(size.x, 120.0f);
    size.y = std::max(size.y, 90.0f);
    ImGui::InvisibleButton(id, size);
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    std::vector<chart::LegendEntry> legend;
    for (const ChartSeries& s : c.series) {
        if (!s.label.empty()) {
            legend.push_back({s.label, s.colour, s.dashed});
        }
    }
    // The plot's width does not depend on the legend, so a first layout tells how many rows it
    // needs; the second leaves room for them above the plot.
    const int legendRows =
        chart::legendRowCount(chart::layoutFrame(origin, size, !c.title.empty()), legend);
    const chart::Frame frame = chart::layoutFrame(origin, size, !c.title.empty(), legendRows);

    std::vector<double> xs;
    std::vector<double> ys;
    for (const ChartSeries& s : c.series) {
        xs.insert(xs.end(), s.x.begin(), s.x.end());
        ys.insert(ys.end(), s.y.begin(), s.y.end());
        ys.insert(ys.end(), s.lo.begin(), s.lo.end());
        ys.insert(ys.end(), s.hi.begin(), s.hi.end());
    }
    for (const ChartMarker& m : c.markers) {
        xs.push_back(m.x);
    }
    AxisRange xr = dataRange(xs, c.logX).value_or(c.logX ? AxisRange{1, 10} : AxisRange{0, 1});
    // A little room at both ends, so the first and last points are not cut by the frame.
    if (c.logX) {
        xr = {xr.lo / 1.3, xr.hi * 1.3};
    } else {
        const double pad = (xr.hi - xr.lo) * 0.03;
        xr = {xr.lo - pad, xr.hi + pad};
    }
    const AxisRange yr =
        dataRange(ys, c.logY).value_or(c.logY ? AxisRange{1, 10} : AxisRange{0, 1});
    const float line = ImGui::GetTextLineHeight();
    Ticks xt = chart::axisTicks(xr, c.logX, frame.plotMax.x - frame.plotMin.x, line * 6.0f);
    if (!c.xTicks.empty()) {
        xt.major = c.xTicks;
        xt.minor.clear();
    }
    const Ticks yt = chart::axisTicks(yr, c.logY, frame.plotMax.y - frame.plotMin.y, line * 2.5f);
    // Generated log ticks span whole decades; given ticks (e.g. the measured sizes) the data.
    const bool decades = c.logX && c.xTicks.empty();
    const AxisScale xScale(decades ? xt.range : xr, c.logX, frame.plotMin.x, frame.plotMax.x);
    const AxisScale yScale(yt.range, c.logY, frame.plotMax.y, frame.plotMin.y);
    chart::drawAxes(draw, frame, xScale, xt, yScale, yt, c.xLabel, c.yLabel, c.xText, c.title);

    draw->PushClipRect(frame.plotMin, frame.plotMax, true);
    for (const ChartSeries& s : c.series) {
        // The band: a quad per segment where both ends are known.
        if (s.lo.size() == s.y.size() && s.hi.size() == s.y.size()) {
            const ImU32 band = (s.colour & ~IM_COL32_A_MASK) | (IM_COL32(0, 0, 0, 50));
            for (std::size_t i = 0; i + 1 < s.x.size(); ++i) {
                const float x0 = xScale.toPixel(s.x[i]);
                const float x1 = xScale.toPixel(s.x[i + 1]);
                const float a = yScale.toPixel(s.hi[i]);
                const float b = yScale.toPixel(s.hi[i + 1]);
                const float d = yScale.toPixel(s.lo[i]);
                const float e = yScale.toPixel(s.lo[i + 1]);
                if (std::isfinite(x0) && std::isfinite(x1) && std::isfinite(a) &&
                    std::isfinite(b) && std::isfinite(d) && std::isfinite(e)) {
                    draw->AddQuadFilled(ImVec2(x0, a), ImVec2(x1, b), ImVec2(x1, e), ImVec2(x0, d),
                                        band);
                }
            }
        }
        ImVec2 previous;
        bool havePrevious = false;
        for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
            const float x = xScale.toPixel(s.x[i]);
            const float y = yScale.toPixel(s.y[i]);
            if (!std::isfinite(x) || !std::isfinite(y)) {
                havePrevious = false;  // NaN is a gap, not a zero
                continue;
            }
            const ImVec2 p(x, y);
            if (havePrevious) {
                if (s.dashed) {
                    chart::dashedLine(draw, previous, p, s.colour, 2.0f);
                } else {
                    draw->AddLine(previous, p, s.colour, 2.0f);
                }
            }
            if (s.points) {
                draw->AddCircleFilled(p, 3.0f, s.colour);
            }
            previous = p;
            havePrevious = true;
        }
    }
    // Labels that would overlap the previous marker's label go one line higher.
    float previousLabelRight = -std::numeric_limits<float>::max();
    int labelLevel = 0;
    std::vector<std::pair<float, const std::string*>> labelled;  // one label per place and text
    for (const ChartMarker& m : c.markers) {
        const float x = xScale.toPixel(m.x);
        if (!std::isfinite(x)) {
            continue;
        }
        const ImU32 colour = m.colour != 0 ? m.colour : chart::textColour();
        chart::dashedLine(draw, ImVec2(x, frame.plotMin.y), ImVec2(x, frame.plotMax.y), colour,
                          1.5f);
        const bool repeated = std::any_of(labelled.begin(), labelled.end(), [&](const auto& l) {
            return std::fabs(l.first - x) < 1.0f && *l.second == m.label;
        });
        if (!m.label.empty() && !repeated) {
            labelled.emplace_back(x, &m.label);
            const ImVec2 ts = ImGui::CalcTextSize(m.label.c_str());
            // Right of the line, or left of it near the right edge.
            const float tx = x + 4.0f + ts.x < frame.plotMax.x ? x + 4.0f : x - 4.0f - ts.x;
            labelLevel = tx < previousLabelRight + 4.0f ? labelLevel + 1 : 0;
            previousLabelRight = tx + ts.x;
            const float ty =
                frame.plotMax.y - ts.y * (1.2f + 1.1f * static_cast<float>(labelLevel));
            draw->AddText(ImVec2(tx, ty), colour, m.label.c_str());
        }
    }
    draw->PopClipRect();

    chart::drawLegend(draw, frame, legend);

    if (hovered) {
        // The nearest point on screen, read out in a tooltip.
        const ImVec2 mouse = ImGui::GetIO().MousePos;
        float best = std::numeric_limits<float>::max();
        const ChartSeries* bestSeries = nullptr;
        std::size_t bestIndex = 0;
        for (const ChartSeries& s : c.series) {
            for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
                const float x = xScale.toPixel(s.x[i]);
                const float y = yScale.toPixel(s.y[i]);
                if (!std::isfinite(x) || !std::isfinite(y)) {
                    continue;
                }
                const float d = (x - mouse.x) * (x - mouse.x) + (y - mouse.y) * (y - mouse.y);
                if (d < best) {
                    best = d;
                    bestSeries = &s;
                    bestIndex = i;
                }
            }
        }
        if (bestSeries != nullptr && best < line * line * 9.0f) {
            const ChartSeries& s = *bestSeries;
            const ImVec2 p(xScale.toPixel(s.x[bestIndex]), yScale.toPixel(s.y[bestIndex]));
            draw->AddCircle(p, 6.0f, s.colour, 0, 2.0f);
            std::string text = s.label + "\n" + c.xLabel + ": " +
                               (c.xText ? c.xText(s.x[bestIndex]) : tickLabel(s.x[bestIndex])) +
                               "\nvalue: " + tickLabel(s.y[bestIndex], c.yUnit);
            if (s.lo.size() == s.y.size() && s.hi.size() == s.y.size()) {
                text += "\np10..p90: " + tickLabel(s.lo[bestIndex]) + " .. " +
                        tickLabel(s.hi[bestIndex], c.yUnit);
            }
            ImGui::SetTooltip("%s", text.c_str());
        }
    }
}

}  // namespace convis::ui
