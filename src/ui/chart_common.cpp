// The chart frame: margins, grid, ticks, labels, legend, palette.
#include "ui/chart_common.hpp"

#include <algorithm>
#include <cmath>

#include "ui/chart.hpp"

namespace convis::ui {

ImU32 okabeItoColour(int index, float alpha) {
    const unsigned rgb = kOkabeIto[static_cast<unsigned>(index) % 8u];
    return ImGui::GetColorU32(ImVec4(static_cast<float>((rgb >> 16) & 0xFFu) / 255.0f,
                                     static_cast<float>((rgb >> 8) & 0xFFu) / 255.0f,
                                     static_cast<float>(rgb & 0xFFu) / 255.0f, alpha));
}

ImU32 chartColour(int index, float alpha) {
    // Orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple.
    return okabeItoColour(1 + index % 7, alpha);
}

namespace chart {

ImU32 textColour() {
    return ImGui::GetColorU32(ImGuiCol_Text);
}

ImU32 gridColour() {
    return ImGui::GetColorU32(ImGuiCol_Border, 0.6f);
}

Frame layoutFrame(ImVec2 origin, ImVec2 size, bool hasTitle, int legendRows) {
    const float line = ImGui::GetTextLineHeight();
    // Rows above the plot: the title, then the legend (so neither covers data).
    const float left = ImGui::CalcTextSize("00000 ms").x + line * 1.6f;
    const float bottom = line * 2.6f;
    const float top = (hasTitle ? line * 1.3f : 0.0f) + line * 0.3f +
                      line * 1.3f * static_cast<float>(std::max(legendRows, 1));
    const float right = line * 1.0f;
    Frame f;
    f.outerMin = origin;
    f.outerMax = ImVec2(origin.x + size.x, origin.y + size.y);
    f.plotMin = ImVec2(origin.x + left, origin.y + top);
    f.plotMax = ImVec2(std::max(f.plotMin.x + 8.0f, f.outerMax.x - right),
                       std::max(f.plotMin.y + 8.0f, f.outerMax.y - bottom));
    return f;
}

Ticks axisTicks(AxisRange range, bool logarithmic, float lengthPixels, float pixelsPerTick) {
    const int count = std::max(2, static_cast<int>(lengthPixels / std::max(pixelsPerTick, 1.0f)));
    return logarithmic ? logTicks(range, count) : linearTicks(range, count);
}

void drawAxes(ImDrawList* draw, const Frame& frame, const AxisScale& xs, const Ticks& xt,
              const AxisScale& ys, const Ticks& yt, const std::string& xLabel,
              const std::string& yLabel, const std::function<std::string(double)>& xText,
              const std::string& title) {
    const ImU32 text = textColour();
    const ImU32 grid = gridColour();
    const ImU32 minorGrid = ImGui::GetColorU32(ImGuiCol_Border, 0.25f);
    const float line = ImGui::GetTextLineHeight();
    draw->AddRectFilled(frame.plotMin, frame.plotMax, ImGui::GetColorU32(ImGuiCol_FrameBg, 0.5f));
    const auto inside = [](const AxisScale& scale, double v) {
        const AxisRange r = scale.range();
        const double slack = (r.hi - r.lo) * 1e-9;
        return v >= std::min(r.lo, r.hi) - slack && v <= std::max(r.lo, r.hi) + slack;
    };
    for (double v : yt.minor) {
        const float y = ys.toPixel(v);
        if (std::isfinite(y) && inside(ys, v)) {
            draw->AddLine(ImVec2(frame.plotMin.x, y), ImVec2(frame.plotMax.x, y), minorGrid);
        }
    }
    for (double v : xt.minor) {
        const float x = xs.toPixel(v);
        if (std::isfinite(x) && inside(xs, v)) {
            draw->AddLine(ImVec2(x, frame.plotMin.y), ImVec2(x, frame.plotMax.y), minorGrid);
        }
    }
    for (double v : yt.major) {
        const float y = ys.toPixel(v);
        if (!std::isfinite(y) || !inside(ys, v)) {
            continue;
        }
        draw->AddLine(ImVec2(frame.plotMin.x, y), ImVec2(frame.plotMax.x, y), grid);
        const std::string label = tickLabel(v);
        const ImVec2 size = ImGui::CalcTextSize(label.c_str());
        draw->AddText(ImVec2(frame.plotMin.x - size.x - line * 0.3f, y - size.y * 0.5f), text,
                      label.c_str());
    }
    float lastRight = -1e9f;
    for (double v : xt.major) {
        const float x = xs.toPixel(v);
        if (!std::isfinite(x) || !inside(xs, v)) {
            continue;
        }
        draw->AddLine(ImVec2(x, frame.plotMin.y), ImVec2(x, frame.plotMax.y), grid);
        const std::string label = xText ? xText(v) : tickLabel(v);
        const ImVec2 size = ImGui::CalcTextSize(label.c_str());
        const float left = x - size.x * 0.5f;
        if (left > lastRight + line * 0.5f) {  // skip labels that would overlap
            draw->AddText(ImVec2(left, frame.plotMax.y + line * 0.2f), text, label.c_str());
            lastRight = left + size.x;
        }
    }
    draw->AddRect(frame.plotMin, frame.plotMax, grid);
    if (!xLabel.empty()) {
        const ImVec2 size = ImGui::CalcTextSize(xLabel.c_str());
        draw->AddText(ImVec2((frame.plotMin.x + frame.plotMax.x - size.x) * 0.5f,
                             frame.plotMax.y + line * 1.4f),
                      text, xLabel.c_str());
    }
    if (!yLabel.empty()) {
        draw->AddText(ImVec2(frame.outerMin.x, frame.plotMin.y - line * 1.3f), text,
                      yLabel.c_str());
    }
    if (!title.empty()) {
        const ImVec2 size = ImGui::CalcTextSize(title.c_str());
        draw->AddText(ImVec2((frame.plotMin.x + frame.plotMax.x - size.x) * 0.5f,
                             frame.outerMin.y + line * 0.1f),
                      text, title.c_str());
    }
}

void dashedLine(ImDrawList* draw, ImVec2 a, ImVec2 b, ImU32 colour, float thickness) {
    const float dx = b.x - a.x;
    const float dy = b.y - a.y;
    const float length = std::sqrt(dx * dx + dy * dy);
    if (length < 0.5f) {
        return;
    }
    const float dash = 6.0f * thickness;
    for (float t = 0.0f; t < length; t += 2.0f * dash) {
        const float e = std::min(t + dash, length);
        draw->AddLine(ImVec2(a.x + dx * t / length, a.y + dy * t / length),
                      ImVec2(a.x + dx * e / length, a.y + dy * e / length), colour, thickness);
    }
}

namespace {

// Where each legend entry goes: rows left to right above the plot, wrapping at its right edge.
// Positions are relative to the first row's top-left corner; `rows` receives the row count.
std::vector<ImVec2> legendLayout(const Frame& frame, const std::vector<LegendEntry>& entries,
                                 int& rows) {
    const float line = ImGui::GetTextLineHeight();
    const float swatch = line * 1.8f;
    const float gap = line * 1.2f;
    const float width = frame.plotMax.x - (frame.plotMin.x + line * 2.5f);
    std::vector<ImVec2> at;
    float x = 0.0f;
    float y = 0.0f;
    rows = entries.empty() ? 0 : 1;
    for (const LegendEntry& e : entries) {
        const float w = swatch + line * 0.4f + ImGui::CalcTextSize(e.label.c_str()).x;
        if (x > 0.0f && x + w > width) {
            x = 0.0f;
            y += line * 1.3f;
            ++rows;
        }
        at.emplace_back(x, y);
        x += w + gap;
    }
    return at;
}

}  // namespace

int legendRowCount(const Frame& frame, const std::vector<LegendEntry>& entries) {
    int rows = 0;
    legendLayout(frame, entries, rows);
    return std::max(rows, 1);
}

void drawLegend(ImDrawList* draw, const Frame& frame, const std::vector<LegendEntry>& entries) {
    const float line = ImGui::GetTextLineHeight();
    const float swatch = line * 1.8f;
    int rows = 0;
    const std::vector<ImVec2> at = legendLayout(frame, entries, rows);
    // The last row sits just above the plot; earlier rows above it, in the room layoutFrame left.
    const ImVec2 first(frame.plotMin.x + line * 2.5f,
                       frame.plotMin.y - line * 1.35f - line * 1.3f * static_cast<float>(rows - 1));
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const LegendEntry& e = entries[i];
        const ImVec2 p(first.x + at[i].x, first.y + at[i].y);
        const ImVec2 a(p.x, p.y + line * 0.55f);
        const ImVec2 b(p.x + swatch, a.y);
        if (e.dashed) {
            dashedLine(draw, a, b, e.colour, 2.0f);
        } else {
            draw->AddLine(a, b, e.colour, 3.0f);
        }
        draw->AddText(ImVec2(b.x + line * 0.4f, p.y), textColour(), e.label.c_str());
    }
}

}  // namespace chart

}  // namespace convis::ui
