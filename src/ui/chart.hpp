// Charts drawn with ImGui's draw lists (ImPlot is not packaged): line charts with linear or log
// axes, error bands, vertical markers, a legend and a hover read-out; stacked bar charts.
#pragma once

#include <imgui.h>

#include <functional>
#include <string>
#include <vector>

namespace convis::ui {

// Okabe-Ito colour i (0 = black, skipped on dark backgrounds by chartColour).
ImU32 okabeItoColour(int index, float alpha = 1.0f);
// The i-th series colour: Okabe-Ito without black, cycling.
ImU32 chartColour(int index, float alpha = 1.0f);

struct ChartSeries {
    std::string label;
    ImU32 colour = 0;
    std::vector<double> x;
    std::vector<double> y;   // NaN points are gaps
    std::vector<double> lo;  // optional band (same length as y), e.g. p10
    std::vector<double> hi;  // e.g. p90
    bool dashed = false;
    bool points = true;  // a dot at each value
};

struct ChartMarker {
    double x = 0.0;
    std::string label;  // drawn at the top of the line, may be empty
    ImU32 colour = 0;
};

struct LineChart {
    std::string title;
    std::string xLabel;
    std::string yLabel;
    bool logX = false;
    bool logY = false;
    std::vector<ChartSeries> series;
    std::vector<ChartMarker> markers;
    // How hover read-outs and tick labels show x (default: tickLabel).
    std::function<std::string(double)> xText;
    std::vector<double> xTicks;  // labelled x positions to use instead of generated ones
    std::string yUnit = "ms";
};

// Draws into a box of `size` at the cursor (an invisible button takes the input).
void drawLineChart(const char* id, const LineChart& chart, ImVec2 size);

struct StackedBars {
    std::string title;
    std::string yLabel;
    std::vector<std::string> stages;          // legend order, bottom first
    std::vector<ImU32> colours;               // one per stage
    std::vector<std::string> barLabels;       // hover text per bar
    std::vector<std::vector<double>> values;  // [bar][stage], NaN/<=0 = absent
    std::vector<std::size_t> markerBefore;    // bars before which a setting changed
    // Log axis: a bar's height is its total on the log axis and its stages split that height
    // in proportion to their values (a log axis has no zero to stack from). Say so in the
    // title or y label.
    bool logY = false;
    bool totalLabels = true;  // the total above each bar, where it fits beside its neighbours
};

void drawStackedBars(const char* id, const StackedBars& bars, ImVec2 size);

}  // namespace convis::ui
