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

Frame layoutFrame(ImVec2 origin, ImVec2 size, bool hasTitle) {
    const float line = ImGui::GetTextLineHeight();
    // Rows above the plot: the title, then the legend (so neither covers data).
    const float left = ImGui::CalcTextSize("00000 ms").x + line * 1.6f;
    const float bottom = line * 2.6f;
    const float top = (hasTitle ? line * 1.3f : 0.0f) + line * 1.6f;
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

void drawLegend(ImDrawList* draw, const Frame& frame, const std::vector<LegendEntry>& entries) {
    const float line = ImGui::GetTextLineHeight();
    const float swatch = line * 1.8f;
    const float gap = line * 1.2f;
    // One row above the plot when it fits; otherwise rows inside the plot's top, on a panel, so
    // no series goes unnamed.
    const float rowLeft = frame.plotMin.x + line * 2.5f;  // right of the y axis title
    std::vector<float> widths;
    float oneRow = 0.0f;
    for (const LegendEntry& e : entries) {
        widths.push_back(swatch + line * 0.4f + ImGui::CalcTextSize(e.label.c_str()).x);
        oneRow += widths.back() + gap;
    }
    const bool inside = rowLeft + oneRow - gap > frame.plotMax.x;
    const float left = inside ? frame.plotMin.x + line * 0.5f : rowLeft;
    const float right = frame.plotMax.x - line * 0.5f;
    // Lay out first, so the panel behind the rows can be drawn before them.
    std::vector<ImVec2> at;
    float x = left;
    float y = inside ? frame.plotMin.y + line * 0.3f : frame.plotMin.y - line * 1.35f;
    float widest = 0.0f;
    for (float width : widths) {
        if (x > left && x + width > right) {
            x = left;
            y += line * 1.3f;
        }
        at.emplace_back(x, y);
        x += width + gap;
        widest = std::max(widest, x - gap);
    }
    if (inside && !at.empty()) {
        ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
        bg.w = 0.88f;
        draw->AddRectFilled(ImVec2(left - line * 0.3f, frame.plotMin.y + line * 0.1f),
                            ImVec2(widest + line * 0.3f, y + line * 1.2f),
                            ImGui::ColorConvertFloat4ToU32(bg), line * 0.2f);
    }
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const LegendEntry& e = entries[i];
        const ImVec2 a(at[i].x, at[i].y + line * 0.55f);
        const ImVec2 b(at[i].x + swatch, a.y);
        if (e.dashed) {
            dashedLine(draw, a, b, e.colour, 2.0f);
        } else {
            draw->AddLine(a, b, e.colour, 3.0f);
        }
        draw->AddText(ImVec2(b.x + line * 0.4f, at[i].y), textColour(), e.label.c_str());
    }
}

}  // namespace chart

}  // namespace convis::ui
