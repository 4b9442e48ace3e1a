// Receptive-field inspector overlay.
#include "ui/inspector_overlay.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "backends/backend.hpp"
#ifdef CONVIS_HAS_CUDA
#include "backends/cuda_plan.hpp"
#endif
#include "core/receptive_field.hpp"
#include "core/row_bands.hpp"

namespace convis::ui {

namespace {

constexpr ImU32 kWindowColour = IM_COL32(255, 196, 0, 255);
constexpr ImU32 kReachColour = IM_COL32(0, 220, 255, 255);
constexpr ImU32 kHatchColour = IM_COL32(255, 120, 60, 200);
constexpr int kMaxGridSide = 9;       // larger kernels show their first 9x9 taps
constexpr float kValuesZoom = 28.0f;  // image pixels this large get their values drawn

float overlapArea(const ImVec4& a, const ImVec4& b) {
    const float w = std::min(a.z, b.z) - std::max(a.x, b.x);
    const float h = std::min(a.w, b.w) - std::max(a.y, b.y);
    return w > 0.0f && h > 0.0f ? w * h : 0.0f;
}

// A 2-pixel frame around one image pixel, clipped to its pane.
void outlinePixel(ImDrawList* draw, const PaneMapping& pane, int x, int y, ImU32 colour) {
    const ImVec4 r = pane.rectOf(x, y, x + 1, y + 1);
    draw->PushClipRect(pane.min, pane.max, true);
    draw->AddRect(ImVec2(r.x, r.y), ImVec2(r.z, r.w), colour, 0.0f, 0, 2.0f);
    draw->PopClipRect();
}

const char* channelName(int c) {
    static constexpr const char* kNames[] = {"R", "G", "B", "A"};
    return kNames[std::clamp(c, 0, 3)];
}

// Diagonal lines across a rectangle, clipped to it: marks taps outside the image.
void hatch(ImDrawList* draw, ImVec2 a, ImVec2 b, float spacing) {
    const float w = b.x - a.x;
    const float h = b.y - a.y;
    draw->PushClipRect(a, b, true);
    for (float d = -h; d < w; d += spacing) {
        draw->AddLine(ImVec2(a.x + d, b.y), ImVec2(a.x + d + h, a.y), kHatchColour, 1.0f);
    }
    draw->PopClipRect();
}

// cuda-fast computes several outputs per thread with its own block shapes: the mapping comes
// from the launch plan the backend would build for this image and request. Without a device
// it is the launch configuration, not a measured run, and says so.
void fastComputerText(const AppState& state, int x, int y) {
#ifdef CONVIS_HAS_CUDA
    const auto info = std::find_if(state.backends.begin(), state.backends.end(),
                                   [](const BackendInfo& b) { return b.id == "cuda-fast"; });
    const bool available = info != state.backends.end() && info->available;
    try {
        const CudaLaunchPlan plan =
            makeCudaLaunchPlan(CudaVariant::Fast, *state.input, state.request, RunOptions{});
        const FastComputer c = fastWhoComputes(plan, x, y);
        const int outW = c.shape.threadsX * c.shape.outputsX;
        const int outH = c.shape.threadsY * c.shape.outputsY;
        const char* kernel = c.tensorCores ? "separable tensor-core"
                             : c.separable ? "separable"
                                           : "direct";
        ImGui::BulletText("cuda-fast%s: %s kernel, block (%d, %d) = #%lld of %dx%d,",
                          available ? "" : " (launch configuration, no device)", kernel, c.blockX,
                          c.blockY, c.blockIndex, c.gridWidth, c.gridHeight);
        // Where a thread's outputs lie: down its column (separable), along its row (direct
        // tiles), a patch (the streaming lane kernel: 4 along a row, a strip's rows down), or
        // 2 along a row in every 8th row of the strip (tensor cores: a warp's 8x8 block a step).
        const char* layout = c.tensorCores           ? "2 across, one row in 8 down"
                             : c.separable           ? "down its column"
                             : c.shape.outputsY == 1 ? "along its row"
                                                     : "row by row";
        ImGui::Text("    thread (%d, %d), warp %d, lane %d, output %d of its %d (%dx%d, %s)",
                    c.threadX, c.threadY, c.warp, c.lane, c.slot + 1,
                    c.shape.outputsX * c.shape.outputsY, c.shape.outputsX, c.shape.outputsY,
                    layout);
        ImGui::Text("    (blocks of %dx%d threads covering %dx%d outputs)", c.shape.threadsX,
                    c.shape.threadsY, outW, outH);
    } catch (const std::exception& e) {
        ImGui::BulletText("cuda-fast: %s", e.what());
    }
#else
    (void)state;
    (void)x;
    (void)y;
    ImGui::BulletText("cuda-fast: built without CUDA");
#endif
}

// Contiguous runs of a sorted index list: [first, last] pairs.
std::vector<std::pair<int, int>> runs(const std::vector<int>& v) {
    std::vector<std::pair<int, int>> out;
    for (int i : v) {
        if (!out.empty() && out.back().second + 1 == i) {
            out.back().second = i;
        } else {
            out.push_back({i, i});
        }
    }
    return out;
}

std::string runsText(const std::vector<int>& v) {
    std::string text;
    for (const auto& [a, b] : runs(v)) {
        text += text.empty() ? "" : ", ";
        text += a == b ? std::to_string(a) : std::to_string(a) + ".." + std::to_string(b);
    }
    return text;
}

}  // namespace

void InspectorOverlay::draw(UiContext& context, ImDrawList* draw, const PaneMapping* input,
                            const PaneMapping* output, const InspectorHover& hover) {
    AppState& state = context.state;
    InspectorState& inspector = state.inspector;
    if (!inspector.enabled || !state.input) {
        return;
    }
    const int w = state.input->width();
    const int h = state.input->height();
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
        inspector.pinned = false;
    }
    if (hover.valid && hover.clicked) {
        const bool same = inspector.pinned && inspector.x == hover.x && inspector.y == hover.y &&
                          inspector.onOutput == hover.onOutput;
        inspector.pinned = !same;
        inspector.x = hover.x;
        inspector.y = hover.y;
        inspector.onOutput = hover.onOutput;
    }
    if (inspector.pinned && (inspector.x >= w || inspector.y >= h)) {
        inspector.pinned = false;  // a smaller image was opened
    }
    bool active = inspector.pinned;
    int x = inspector.x;
    int y = inspector.y;
    bool onOutput = inspector.onOutput;
    // Hovering inspects only once the mouse has moved over the image: a cursor that happens to
    // rest there when the window opens (or in a headless run) draws nothing.
    const ImVec2 delta = ImGui::GetIO().MouseDelta;
    m_mouseMoved = m_mouseMoved || (hover.valid && (delta.x != 0.0f || delta.y != 0.0f));
    if (!active && hover.valid && m_mouseMoved) {
        active = true;
        x = hover.x;
        y = hover.y;
        onOutput = hover.onOutput;
    }
    if (!active) {
        return;
    }
    const PaneMapping* windowPane = input != nullptr ? input : output;
    const PaneMapping* reachPane = output != nullptr ? output : input;
    if (onOutput) {
        if (output != nullptr) {
            outlinePixel(draw, *output, x, y, kWindowColour);
        }
        if (windowPane != nullptr) {
            drawWindow(context, draw, *windowPane, x, y);
        }
        // The pinned box must leave the pixel and its input window in sight.
        const PaneMapping& pixelPane = output != nullptr ? *output : *windowPane;
        const int rx = state.request.kernel.width() / 2;
        const int ry = state.request.kernel.height() / 2;
        const ImVec4 avoid[2] = {pixelPane.rectOf(x, y, x + 1, y + 1),
                                 windowPane->rectOf(x - rx, y - ry, x + rx + 1, y + ry + 1)};
        drawOutputDetails(context, x, y, inspector.pinned, avoid);
    } else {
        if (input != nullptr) {
            outlinePixel(draw, *input, x, y, kReachColour);
        }
        if (reachPane != nullptr) {
            drawReach(context, draw, *reachPane, x, y);
        }
        drawInputDetails(context, x, y);
    }
}

void InspectorOverlay::drawWindow(UiContext& context, ImDrawList* draw, const PaneMapping& pane,
                                  int x, int y) {
    const AppState& state = context.state;
    WindowBreakdown b;
    try {
        b = windowBreakdown(*state.input, state.request, x, y, state.inspector.channel);
    } catch (const std::exception&) {
        return;  // an invalid request has nothing to show; the kernel panel says why
    }
    draw->PushClipRect(pane.min, pane.max, true);
    const float zoom = pane.zoom;
    const bool values = zoom >= kValuesZoom * state.contentScale;
    for (const WindowTerm& t : b.terms) {
        const ImVec2 a = pane.at(static_cast<float>(t.tapX), static_cast<float>(t.tapY));
        const ImVec2 c = pane.at(static_cast<float>(t.tapX + 1), static_cast<float>(t.tapY + 1));
        if (t.outside) {
            // Outside the image: shaded with what the border mode reads, hatched.
            const int v = static_cast<int>(t.value);
            draw->AddRectFilled(a, c, IM_COL32(v, v, v, 160));
            hatch(draw, a, c, std::max(4.0f, zoom / 4.0f));
        } else {
            draw->AddRectFilled(a, c, IM_COL32(255, 196, 0, 40));
        }
        if (values) {
            char text[16];
            std::snprintf(text, sizeof text, "%d", static_cast<int>(t.value));
            const ImVec2 size = ImGui::CalcTextSize(text);
            const ImVec2 at((a.x + c.x - size.x) * 0.5f, (a.y + c.y - size.y) * 0.5f);
            draw->AddRectFilled(ImVec2(at.x - 2, at.y), ImVec2(at.x + size.x + 2, at.y + size.y),
                                IM_COL32(0, 0, 0, 170), 2.0f);
            draw->AddText(at, IM_COL32(255, 255, 255, 255), text);
        }
    }
    const WindowTerm& first = b.terms.front();
    const WindowTerm& last = b.terms.back();
    draw->AddRect(pane.at(static_cast<float>(first.tapX), static_cast<float>(first.tapY)),
                  pane.at(static_cast<float>(last.tapX + 1), static_cast<float>(last.tapY + 1)),
                  kWindowColour, 0.0f, 0, 2.0f);
    draw->PopClipRect();
}

void InspectorOverlay::drawReach(UiContext& context, ImDrawList* draw, const PaneMapping& pane,
                                 int x, int y) {
    const AppState& state = context.state;
    const Kernel& k = state.request.kernel;
    Influence reach;
    try {
        reach = influencedOutputs(x, y, state.input->width(), state.input->height(), k.width(),
                                  k.height(), state.request.border);
    } catch (const std::exception&) {
        return;
    }
    draw->PushClipRect(pane.min, pane.max, true);
    for (const auto& [y0, y1] : runs(reach.ys)) {
        for (const auto& [x0, x1] : runs(reach.xs)) {
            const ImVec2 a = pane.at(static_cast<float>(x0), static_cast<float>(y0));
            const ImVec2 c = pane.at(static_cast<float>(x1 + 1), static_cast<float>(y1 + 1));
            draw->AddRectFilled(a, c, IM_COL32(0, 220, 255, 50));
            draw->AddRect(a, c, kReachColour, 0.0f, 0, 2.0f);
        }
    }
    draw->PopClipRect();
}

ImVec2 InspectorOverlay::pinnedBoxCorner(const UiContext& context, const ImVec4 (&avoid)[2]) const {
    // The canvas corner whose box covers the least area of the pixel and its input window
    // together (the window carries the values; the box itself states the output's value); the
    // first corner wins ties (bottom right, the usual place).
    const CanvasRects& c = context.state.canvas;
    const float pad = 8.0f * context.state.contentScale;
    const float left = c.x + pad;
    const float right = c.x + c.width - pad - m_boxSize.x;
    const float top = c.y + pad * 5.0f;
    const float bottom = c.y + c.height - pad - m_boxSize.y;
    const ImVec2 corners[4] = {{right, bottom}, {right, top}, {left, bottom}, {left, top}};
    ImVec2 best = corners[0];
    float bestCost = -1.0f;
    for (const ImVec2& corner : corners) {
        const ImVec4 box(corner.x, corner.y, corner.x + m_boxSize.x, corner.y + m_boxSize.y);
        const float cost = overlapArea(box, avoid[0]) + overlapArea(box, avoid[1]);
        if (bestCost < 0.0f || cost < bestCost) {
            best = corner;
            bestCost = cost;
        }
    }
    return best;
}

void InspectorOverlay::drawOutputDetails(UiContext& context, int x, int y, bool pinned,
                                         const ImVec4 (&avoid)[2]) {
    AppState& state = context.state;
    WindowBreakdown b;
    try {
        b = windowBreakdown(*state.input, state.request, x, y, state.inspector.channel);
    } catch (const std::exception& e) {
        ImGui::SetTooltip("Cannot compute this output: %s", e.what());
        return;
    }
    if (pinned) {
        ImGui::SetNextWindowPos(pinnedBoxCorner(context, avoid), ImGuiCond_Always);
        ImGui::SetNextWindowBgAlpha(0.92f);
        const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration |
                                       ImGuiWindowFlags_AlwaysAutoResize |
                                       ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav;
        if (!ImGui::Begin("##inspector", nullptr, flags)) {
            ImGui::End();
            return;
        }
        m_boxSize = ImGui::GetWindowSize();
    } else {
        ImGui::BeginTooltip();
    }
    ImGui::Text("Output (%d, %d), channel %s%s", x, y, channelName(b.channel),
                pinned ? "   [pinned: Esc unpins]" : "   (click to pin)");
    if (pinned) {
        for (int c = 0; c < kChannels; ++c) {
            ImGui::SameLine();
            if (ImGui::RadioButton(channelName(c), state.inspector.channel == c)) {
                state.inspector.channel = c;
            }
        }
    }
    const Kernel& k = state.request.kernel;
    ImGui::TextDisabled(
        "%dx%d taps (%s, border %s), added in this order as float32:", k.width(), k.height(),
        state.request.mode == KernelMode::Convolution ? "kernel flipped" : "as written",
        std::string(borderName(state.request.border)).c_str());
    // The terms as a grid shaped like the kernel (row-major, the order they are added), each
    // cell "weight x value", and per row the sum of its products.
    const int columns = std::min(k.width(), kMaxGridSide);
    const int rows = std::min(k.height(), kMaxGridSide);
    const ImVec4 outsideColour(1.0f, 0.6f, 0.4f, 1.0f);
    if (ImGui::BeginTable("terms", columns + 1,
                          ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_BordersInnerV)) {
        for (int ky = 0; ky < rows; ++ky) {
            ImGui::TableNextRow();
            float rowSum = 0.0f;
            for (int kx = 0; kx < k.width(); ++kx) {
                rowSum += b.terms[static_cast<std::size_t>(ky * k.width() + kx)].product;
            }
            for (int kx = 0; kx < columns; ++kx) {
                const WindowTerm& t = b.terms[static_cast<std::size_t>(ky * k.width() + kx)];
                ImGui::TableNextColumn();
                const ImVec4 colour =
                    t.outside ? outsideColour : ImGui::GetStyleColorVec4(ImGuiCol_Text);
                ImGui::TextColored(colour, "%+g x %d", static_cast<double>(t.weight),
                                   static_cast<int>(t.value));
            }
            ImGui::TableNextColumn();
            ImGui::TextDisabled("= %+.6g", static_cast<double>(rowSum));
        }
        ImGui::EndTable();
    }
    if (k.width() > columns || k.height() > rows) {
        ImGui::TextDisabled("(the first %dx%d of %dx%d taps shown; the sum uses all)", columns,
                            rows, k.width(), k.height());
    }
    const auto outside = std::count_if(b.terms.begin(), b.terms.end(),
                                       [](const WindowTerm& t) { return t.outside; });
    if (outside > 0) {
        ImGui::TextColored(
            outsideColour, "%d taps fall outside the image: the %s border gives their values",
            static_cast<int>(outside), std::string(borderName(state.request.border)).c_str());
    }
    ImGui::Separator();
    ImGui::Text("sum = %.6g", static_cast<double>(b.sum));
    if (b.filtered) {
        const float divided = b.sum / state.request.divisor;
        const float shown = state.request.absolute ? std::fabs(divided) : divided;
        ImGui::Text("/ %g = %.6g%s, + %g = %.6g -> round, clamp 0..255 = %d",
                    static_cast<double>(state.request.divisor), static_cast<double>(divided),
                    state.request.absolute ? ", abs" : "",
                    static_cast<double>(state.request.offset),
                    static_cast<double>(shown + state.request.offset), b.result);
    } else {
        ImGui::Text("channel not filtered: copied from the input = %d", b.result);
    }
    if (state.output && state.output->width() == state.input->width() &&
        state.output->height() == state.input->height()) {
        const int shownValue = state.output->pixel(x, y)[b.channel];
        if (shownValue == b.result) {
            ImGui::TextColored(ImVec4(0.4f, 0.9f, 0.4f, 1.0f), "output image holds %d: the same",
                               shownValue);
        } else {
            ImGui::TextColored(ImVec4(1.0f, 0.7f, 0.3f, 1.0f), "output image holds %d (%s)",
                               shownValue,
                               state.outputCurrent ? "a GPU backend may differ by 1"
                                                   : "the output is not current");
        }
    }
    // Who computes it, from the split and launch the backends really use with their defaults.
    const RunOptions defaults;
    const int threads = resolveThreadCount(defaults.threads, hardwareThreadCount());
    const LaunchShape launch{defaults.blockWidth, defaults.blockHeight};
    const Computers who =
        whoComputes(x, y, state.input->width(), state.input->height(), threads, launch);
    ImGui::Separator();
    ImGui::TextUnformatted("Who computes it:");
    ImGui::BulletText("cpu-sequential: step %lld of %lld (raster order)", who.rasterIndex + 1,
                      static_cast<long long>(state.input->pixelCount()));
    ImGui::BulletText("cpu-parallel: thread %d of %d (rows %d..%d)", who.thread, who.threadCount,
                      who.bandFirstRow, who.bandFirstRow + who.bandRowCount - 1);
    ImGui::BulletText("cuda-naive/tiled: block (%d, %d) = #%lld of %dx%d, thread (%d, %d),",
                      who.blockX, who.blockY, who.blockIndex, who.gridWidth, who.gridHeight,
                      who.threadX, who.threadY);
    ImGui::Text("    warp %d, lane %d (blocks of %dx%d threads)", who.warp, who.lane,
                launch.blockWidth, launch.blockHeight);
    fastComputerText(state, x, y);
    if (pinned) {
        ImGui::End();
    } else {
        ImGui::EndTooltip();
    }
}

void InspectorOverlay::drawInputDetails(UiContext& context, int x, int y) {
    const AppState& state = context.state;
    const Kernel& k = state.request.kernel;
    Influence reach;
    try {
        reach = influencedOutputs(x, y, state.input->width(), state.input->height(), k.width(),
                                  k.height(), state.request.border);
    } catch (const std::exception&) {
        return;
    }
    const std::uint8_t* p = state.input->pixel(x, y);
    ImGui::BeginTooltip();
    ImGui::Text("Input (%d, %d) = %d %d %d %d", x, y, p[0], p[1], p[2], p[3]);
    ImGui::Text("read by %zu outputs: x in %s, y in %s", reach.count(), runsText(reach.xs).c_str(),
                runsText(reach.ys).c_str());
    ImGui::TextDisabled("No output reads another output: each needs only its own window.");
    ImGui::EndTooltip();
}

}  // namespace convis::ui
