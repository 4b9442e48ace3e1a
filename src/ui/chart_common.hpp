// Internals shared by the chart files: the plot frame with axes, grid, ticks and labels.
#pragma once

#include <imgui.h>

#include <functional>
#include <string>
#include <vector>

#include "core/chart_scale.hpp"

namespace convis::ui::chart {

struct Frame {
    ImVec2 outerMin, outerMax;  // the whole widget
    ImVec2 plotMin, plotMax;    // the data area
};

// Splits the widget's box into margins (room for tick labels, axis titles and `legendRows` rows
// of legend above the plot) and plot area.
Frame layoutFrame(ImVec2 origin, ImVec2 size, bool hasTitle, int legendRows = 1);

// Axis ticks for [range] on a linear or log axis, about one label per `pixelsPerTick`.
Ticks axisTicks(AxisRange range, bool logarithmic, float lengthPixels, float pixelsPerTick);

// Grid lines, ticks, tick labels and the axis titles.
void drawAxes(ImDrawList* draw, const Frame& frame, const AxisScale& xs, const Ticks& xt,
              const AxisScale& ys, const Ticks& yt, const std::string& xLabel,
              const std::string& yLabel, const std::function<std::string(double)>& xText,
              const std::string& title);

// The legend above the plot, wrapped into as many rows as it needs: a swatch (solid or dashed)
// and a label per entry. Lay the frame out with legendRowCount() rows so it covers no data.
struct LegendEntry {
    std::string label;
    ImU32 colour;
    bool dashed;
};
int legendRowCount(const Frame& frame, const std::vector<LegendEntry>& entries);
void drawLegend(ImDrawList* draw, const Frame& frame, const std::vector<LegendEntry>& entries);

// A line from a to b in dashes.
void dashedLine(ImDrawList* draw, ImVec2 a, ImVec2 b, ImU32 colour, float thickness);

ImU32 textColour();
ImU32 gridColour();

}  // namespace convis::ui::chart
