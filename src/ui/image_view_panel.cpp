// Image view panel.
#include "ui/image_view_panel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ui/theme.hpp"

namespace convis::ui {

namespace {

constexpr float kZoomStep = 1.25f;
constexpr float kGapPixels = 4.0f;  // between side-by-side panes, logical pixels

const char* modeLabel(ViewMode mode) {
    switch (mode) {
        case ViewMode::Input:
            return "Input";
        case ViewMode::Output:
            return "Output";
        case ViewMode::SideBySide:
            return "Side by side";
        case ViewMode::Split:
            return "Split";
    }
    return "?";
}

const char* modeTooltip(ViewMode mode) {
    switch (mode) {
        case ViewMode::Input:
            return "Show only the input image.";
        case ViewMode::Output:
            return "Show only the filtered output.";
        case ViewMode::SideBySide:
            return "Input on the left, output on the right, zoomed and panned together.";
        case ViewMode::Split:
            return "One image, input left of the divider and output right of it. Drag the "
                   "divider to compare.";
    }
    return "";
}

PaneGeometry paneFor(const ViewSettings& view, ImVec2 canvas) {
    PaneGeometry pane{canvas.x, canvas.y};
    if (view.mode == ViewMode::SideBySide) {
        pane.width = std::floor((canvas.x - kGapPixels) * 0.5f);
    }
    pane.width = std::max(pane.width, 1.0f);
    pane.height = std::max(pane.height, 1.0f);
    return pane;
}

void clampView(ViewSettings& view, int imageWidth, int imageHeight) {
    view.zoom = std::clamp(view.zoom, kMinZoom, kMaxZoom);
    view.centreX = std::clamp(view.centreX, 0.0f, static_cast<float>(imageWidth));
    view.centreY = std::clamp(view.centreY, 0.0f, static_cast<float>(imageHeight));
    view.split = std::clamp(view.split, 0.0f, 1.0f);
}

void label(ImDrawList* draw, ImVec2 at, const char* text) {
    const ImVec2 size = ImGui::CalcTextSize(text);
    const float pad = ImGui::GetStyle().FramePadding.y;
    draw->AddRectFilled(ImVec2(at.x, at.y),
                        ImVec2(at.x + size.x + 4 * pad, at.y + size.y + 2 * pad),
                        IM_COL32(10, 12, 16, 190), 3.0f);
    draw->AddText(ImVec2(at.x + 2 * pad, at.y + pad), IM_COL32(235, 238, 245, 255), text);
}

void drawLegend(ImDrawList* draw, ImVec2 paneMin, ImVec2 paneMax, float offset) {
    const float scale = ImGui::GetFontSize() / 16.0f;
    const float barW = 200.0f * scale;
    const float barH = 12.0f * scale;
    const float pad = 8.0f * scale;
    const float lineH = ImGui::GetTextLineHeight();
    const ImVec2 boxMax(paneMax.x - pad, paneMax.y - pad);
    const ImVec2 boxMin(boxMax.x - barW - 2 * pad, boxMax.y - barH - 2 * lineH - 3 * pad);
    if (boxMin.x < paneMin.x || boxMin.y < paneMin.y) {
        return;  // pane too small for a legend
    }
    draw->AddRectFilled(boxMin, boxMax, IM_COL32(10, 12, 16, 215), 4.0f);
    const ImU32 negative = IM_COL32(59, 76, 192, 255);
    const ImU32 zero = IM_COL32(245, 245, 245, 255);
    const ImU32 positive = IM_COL32(181, 5, 38, 255);
    const ImVec2 bar(boxMin.x + pad, boxMin.y + pad + lineH);
    const float half = barW * 0.5f;
    draw->AddRectFilledMultiColor(bar, ImVec2(bar.x + half, bar.y + barH), negative, zero, zero,
                                  negative);
    draw->AddRectFilledMultiColor(ImVec2(bar.x + half, bar.y), ImVec2(bar.x + barW, bar.y + barH),
                                  zero, positive, positive, zero);
    const ImU32 text = IM_COL32(235, 238, 245, 255);
    draw->AddText(ImVec2(bar.x, boxMin.y + pad * 0.5f), text, "signed output: value - offset");
    const float range = std::max(std::max(offset, 255.0f - offset), 1.0f);
    char buffer[32];
    const float ticksY = bar.y + barH + pad * 0.5f;
    std::snprintf(buffer, sizeof buffer, "-%.0f", static_cast<double>(range));
    draw->AddText(ImVec2(bar.x, ticksY), text, buffer);
    const ImVec2 zeroSize = ImGui::CalcTextSize("0");
    draw->AddText(ImVec2(bar.x + half - zeroSize.x * 0.5f, ticksY), text, "0");
    std::snprintf(buffer, sizeof buffer, "+%.0f", static_cast<double>(range));
    const ImVec2 plusSize = ImGui::CalcTextSize(buffer);
    draw->AddText(ImVec2(bar.x + barW - plusSize.x, ticksY), text, buffer);
}

// SameLine when the next group of `width` pixels still fits on this line; otherwise wrap, so the
// toolbar stays whole at 1280 pixels wide and narrower.
void sameLineIfFits(float width, float spacing) {
    ImGui::SameLine(0.0f, spacing);
    if (ImGui::GetContentRegionAvail().x < width) {
        ImGui::NewLine();
    }
}

}  // namespace

float fitZoom(const PaneGeometry& pane, int imageWidth, int imageHeight) {
    if (imageWidth <= 0 || imageHeight <= 0) {
        return 1.0f;
    }
    const float zoom = std::min(pane.width / static_cast<float>(imageWidth),
                                pane.height / static_cast<float>(imageHeight));
    return std::clamp(zoom, kMinZoom, kMaxZoom);
}

void zoomAround(ViewSettings& view, const PaneGeometry& pane, float localX, float localY,
                float factor) {
    const float oldZoom = view.zoom;
    const float newZoom = std::clamp(oldZoom * factor, kMinZoom, kMaxZoom);
    // The image point under the cursor before and after must be the same.
    const float originX = view.centreX - pane.width * 0.5f / oldZoom;
    const float originY = view.centreY - pane.height * 0.5f / oldZoom;
    const float pointX = originX + localX / oldZoom;
    const float pointY = originY + localY / oldZoom;
    view.zoom = newZoom;
    view.centreX = pointX - localX / newZoom + pane.width * 0.5f / newZoom;
    view.centreY = pointY - localY / newZoom + pane.height * 0.5f / newZoom;
    view.fit = false;
}

ImageViewPanel::ImageViewPanel()
    : Panel("Image", ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse) {}

void ImageViewPanel::drawContent(UiContext& context) {
    drawToolbar(context);
    const float readoutHeight = ImGui::GetFrameHeightWithSpacing();
    ImVec2 avail = ImGui::GetContentRegionAvail();
    avail.y -= readoutHeight;
    if (avail.x < 8.0f || avail.y < 8.0f) {
        return;  // window too small to draw anything useful
    }
    drawCanvas(context, avail);
    drawReadout(context);
}

void ImageViewPanel::drawToolbar(UiContext& context) {
    ViewSettings& view = context.state.view;
    for (ViewMode mode :
         {ViewMode::Input, ViewMode::Output, ViewMode::SideBySide, ViewMode::Split}) {
        if (mode != ViewMode::Input) {
            ImGui::SameLine();
        }
        if (ImGui::RadioButton(modeLabel(mode), view.mode == mode)) {
            if (view.mode != mode) {
                view.mode = mode;
                view.fit = true;
            }
        }
        tooltip(modeTooltip(mode));
    }
    const ImGuiStyle& style = ImGui::GetStyle();
    const float zoomGroup = ImGui::CalcTextSize("- 6400% + Fit 1:1").x +
                            style.FramePadding.x * 8.0f + style.ItemSpacing.x * 4.0f;
    sameLineIfFits(zoomGroup, ImGui::GetFontSize() * 1.5f);
    if (ImGui::Button("-")) {
        view.zoom = std::clamp(view.zoom / kZoomStep, kMinZoom, kMaxZoom);
        view.fit = false;
    }
    tooltip("Zoom out by 25% (Ctrl+- or the mouse wheel).");
    ImGui::SameLine();
    char zoomText[32];
    std::snprintf(zoomText, sizeof zoomText, "%.0f%%", static_cast<double>(view.zoom * 100.0f));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(zoomText);
    tooltip("Zoom: screen pixels per image pixel, in percent. The pixel grid appears from 800%.");
    ImGui::SameLine();
    if (ImGui::Button("+")) {
        view.zoom = std::clamp(view.zoom * kZoomStep, kMinZoom, kMaxZoom);
        view.fit = false;
    }
    tooltip("Zoom in by 25% (Ctrl+= or the mouse wheel).");
    ImGui::SameLine();
    if (ImGui::Button("Fit")) {
        view.fit = true;
    }
    tooltip("Fit the whole image in the view (Ctrl+0).");
    ImGui::SameLine();
    if (ImGui::Button("1:1")) {
        view.zoom = 1.0f;
        view.fit = false;
    }
    tooltip("One image pixel per screen pixel (100%).");
    sameLineIfFits(ImGui::CalcTextSize("Signed colours").x + ImGui::GetFrameHeight() +
                       style.ItemInnerSpacing.x,
                   ImGui::GetFontSize() * 1.5f);
    ImGui::Checkbox("Signed colours", &view.diverging);
    tooltip(
        "Show the output as signed values around the kernel's offset: blue below, white at "
        "the offset, red above. For edge filters, whose results are negative as often as "
        "positive. Done in the display shader; the saved output is unchanged.");
    sameLineIfFits(
        ImGui::CalcTextSize("Inspect").x + ImGui::GetFrameHeight() + style.ItemInnerSpacing.x,
        ImGui::GetFontSize());
    ImGui::Checkbox("Inspect", &context.state.inspector.enabled);
    tooltip(
        "Receptive-field inspector: hover an output pixel to see its input window and its "
        "weighted sum term by term, and who computes it on each backend; hover an input pixel "
        "to see every output it influences. Click pins, Esc unpins.");
}

void ImageViewPanel::handleShortcuts(UiContext& context, ImVec2 paneSize) {
    const ImGuiIO& io = ImGui::GetIO();
    if (!io.KeyCtrl || io.WantTextInput) {
        return;
    }
    const KeyCodes& keys = context.keys;
    const auto pressed = [](int key) { return key >= 0 && ImGui::IsKeyPressed(key, false); };
    ViewSettings& view = context.state.view;
    const PaneGeometry pane{paneSize.x, paneSize.y};
    if (pressed(keys.equal) || pressed(keys.keypadAdd)) {
        zoomAround(view, pane, pane.width * 0.5f, pane.height * 0.5f, kZoomStep);
    }
    if (pressed(keys.minus) || pressed(keys.keypadSubtract)) {
        zoomAround(view, pane, pane.width * 0.5f, pane.height * 0.5f, 1.0f / kZoomStep);
    }
    if (pressed(keys.zero) || pressed(keys.keypadZero)) {
        view.fit = true;
    }
}

void ImageViewPanel::drawCanvas(UiContext& context, ImVec2 size) {
    AppState& state = context.state;
    ViewSettings& view = state.view;
    const ImGuiIO& io = ImGui::GetIO();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("canvas", size,
                           ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
    const bool hovered = ImGui::IsItemHovered();
    const bool active = ImGui::IsItemActive();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 canvasMax(origin.x + size.x, origin.y + size.y);
    draw->AddRectFilled(origin, canvasMax, IM_COL32(28, 31, 36, 255));

    state.canvas = CanvasRects{};
    state.canvas.x = origin.x;
    state.canvas.y = origin.y;
    state.canvas.width = size.x;
    state.canvas.height = size.y;
    m_hoverValid = false;

    const std::shared_ptr<const Image> input = state.input;
    if (!input || input->empty()) {
        label(draw, ImVec2(origin.x + 12, origin.y + 12), "No image: open one from the File menu");
        return;
    }
    const int imageW = input->width();
    const int imageH = input->height();
    const PaneGeometry pane = paneFor(view, size);
    handleShortcuts(context, ImVec2(pane.width, pane.height));
    if (view.fit) {
        view.zoom = fitZoom(pane, imageW, imageH);
        view.centreX = static_cast<float>(imageW) * 0.5f;
        view.centreY = static_cast<float>(imageH) * 0.5f;
    }
    const float splitX = std::round(view.split * size.x);

    // Which pane the mouse is in, and its position inside that pane.
    const float mouseX = io.MousePos.x - origin.x;
    const float mouseY = io.MousePos.y - origin.y;
    float localX = mouseX;
    const float localY = mouseY;
    if (view.mode == ViewMode::SideBySide && mouseX >= pane.width + kGapPixels) {
        localX = mouseX - pane.width - kGapPixels;
    }

    // The split divider takes the drag when grabbed near it; otherwise dragging pans.
    const float grab = 6.0f * state.contentScale;
    const bool nearSplit =
        view.mode == ViewMode::Split && hovered && std::fabs(mouseX - splitX) <= grab;
    if (nearSplit || m_draggingSplit) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
    }
    if (ImGui::IsItemActivated() && nearSplit) {
        m_draggingSplit = true;
    }
    if (!active) {
        m_draggingSplit = false;
    }
    if (active && m_draggingSplit) {
        view.split = std::clamp(mouseX / size.x, 0.0f, 1.0f);
    } else if (active && (io.MouseDelta.x != 0.0f || io.MouseDelta.y != 0.0f)) {
        view.centreX -= io.MouseDelta.x / view.zoom;
        view.centreY -= io.MouseDelta.y / view.zoom;
        view.fit = false;
    }
    if (hovered && io.MouseWheel != 0.0f) {
        zoomAround(view, pane, localX, localY, std::pow(kZoomStep, io.MouseWheel));
    }
    clampView(view, imageW, imageH);

    // Snap the origin to whole screen pixels so image pixels land on screen pixels at integer
    // zooms: crisp edges, and identical sampling in both side-by-side panes.
    const float originX =
        std::round((view.centreX - pane.width * 0.5f / view.zoom) * view.zoom) / view.zoom;
    const float originY =
        std::round((view.centreY - pane.height * 0.5f / view.zoom) * view.zoom) / view.zoom;
    if (hovered && !m_draggingSplit) {
        const float px = std::floor(originX + localX / view.zoom);
        const float py = std::floor(originY + localY / view.zoom);
        if (localX >= 0 && px >= 0 && py >= 0 && px < static_cast<float>(imageW) &&
            py < static_cast<float>(imageH)) {
            m_hoverValid = true;
            m_hoverX = static_cast<int>(px);
            m_hoverY = static_cast<int>(py);
        }
    }

    ViewRequest request;
    const ImVec2 fbScale = io.DisplayFramebufferScale;
    request.mode = view.mode;
    request.width = static_cast<int>(std::lround(size.x * fbScale.x));
    request.height = static_cast<int>(std::lround(size.y * fbScale.y));
    request.zoom = view.zoom * fbScale.x;
    request.originX = originX;
    request.originY = originY;
    request.splitX = splitX * fbScale.x;
    request.gap = size.x * fbScale.x - 2.0f * std::floor(pane.width * fbScale.x);
    request.diverging = view.diverging;
    request.centre = state.request.offset;
    const PresentedView presented = context.presenter.present(request);
    if (presented.texture != nullptr) {
        const ImVec2 uv0(0.0f, presented.flipY ? 1.0f : 0.0f);
        const ImVec2 uv1(1.0f, presented.flipY ? 0.0f : 1.0f);
        draw->AddImage(presented.texture, origin, canvasMax, uv0, uv1);
    }

    // Overlays: pane labels, divider, legend, output state.
    const float pad = 8.0f * state.contentScale;
    ImVec2 outputMin = origin;
    ImVec2 outputMax = canvasMax;
    switch (view.mode) {
        case ViewMode::Input:
            label(draw, ImVec2(origin.x + pad, origin.y + pad), "INPUT");
            break;
        case ViewMode::Output:
            label(draw, ImVec2(origin.x + pad, origin.y + pad), "OUTPUT");
            break;
        case ViewMode::SideBySide: {
            const float rightX = origin.x + pane.width + kGapPixels;
            label(draw, ImVec2(origin.x + pad, origin.y + pad), "INPUT");
            label(draw, ImVec2(rightX + pad, origin.y + pad), "OUTPUT");
            outputMin = ImVec2(rightX, origin.y);
            state.canvas.inputX = origin.x;
            state.canvas.inputY = origin.y;
            state.canvas.inputW = pane.width;
            state.canvas.inputH = pane.height;
            state.canvas.outputX = rightX;
            state.canvas.outputY = origin.y;
            state.canvas.outputW = size.x - pane.width - kGapPixels;
            state.canvas.outputH = pane.height;
            break;
        }
        case ViewMode::Split: {
            const float x = origin.x + splitX;
            label(draw, ImVec2(origin.x + pad, origin.y + pad), "INPUT");
            const ImVec2 outSize = ImGui::CalcTextSize("OUTPUT");
            label(draw, ImVec2(canvasMax.x - outSize.x - 4 * pad, origin.y + pad), "OUTPUT");
            const ImU32 lineColour = (nearSplit || m_draggingSplit) ? IM_COL32(255, 190, 60, 255)
                                                                    : IM_COL32(240, 240, 240, 230);
            draw->AddLine(ImVec2(x, origin.y), ImVec2(x, canvasMax.y), IM_COL32(0, 0, 0, 160),
                          4.0f * state.contentScale);
            draw->AddLine(ImVec2(x, origin.y), ImVec2(x, canvasMax.y), lineColour,
                          2.0f * state.contentScale);
            const float midY = origin.y + size.y * 0.5f;
            const float r = 9.0f * state.contentScale;
            draw->AddCircleFilled(ImVec2(x, midY), r, lineColour);
            draw->AddTriangleFilled(
                ImVec2(x - r * 0.8f, midY), ImVec2(x - r * 0.2f, midY - r * 0.5f),
                ImVec2(x - r * 0.2f, midY + r * 0.5f), IM_COL32(20, 20, 20, 255));
            draw->AddTriangleFilled(
                ImVec2(x + r * 0.8f, midY), ImVec2(x + r * 0.2f, midY + r * 0.5f),
                ImVec2(x + r * 0.2f, midY - r * 0.5f), IM_COL32(20, 20, 20, 255));
            outputMin = ImVec2(x, origin.y);
            break;
        }
    }
    drawInspector(context, draw, origin, size, pane, originX, originY, splitX, mouseX, hovered);
    const bool outputShown = view.mode != ViewMode::Input;
    if (outputShown && view.diverging && state.output) {
        drawLegend(draw, outputMin, outputMax, state.request.offset);
    }
    if (outputShown && (!state.outputCurrent || state.run.running)) {
        char text[96];
        if (state.run.running) {
            std::snprintf(text, sizeof text, "computing... %.0f%%", state.run.progress * 100.0);
        } else if (state.output) {
            std::snprintf(text, sizeof text, "previous result: press Run or turn on Live");
        } else {
            std::snprintf(text, sizeof text, "no output yet: press Run (or turn on Live)");
        }
        const ImVec2 textSize = ImGui::CalcTextSize(text);
        label(draw, ImVec2(outputMin.x + pad, outputMax.y - textSize.y - 4 * pad), text);
    }
}

void ImageViewPanel::drawInspector(UiContext& context, ImDrawList* draw, ImVec2 origin, ImVec2 size,
                                   const PaneGeometry& pane, float originX, float originY,
                                   float splitX, float mouseX, bool hovered) {
    const ViewSettings& view = context.state.view;
    const ImGuiIO& io = ImGui::GetIO();
    const ImVec2 canvasMax(origin.x + size.x, origin.y + size.y);
    PaneMapping whole{origin, canvasMax, originX, originY, view.zoom};
    PaneMapping left{origin, ImVec2(origin.x + pane.width, canvasMax.y), originX, originY,
                     view.zoom};
    PaneMapping right{ImVec2(origin.x + pane.width + kGapPixels, origin.y), canvasMax, originX,
                      originY, view.zoom};
    const PaneMapping* input = nullptr;
    const PaneMapping* output = nullptr;
    InspectorHover hover;
    hover.valid = m_hoverValid;
    hover.x = m_hoverX;
    hover.y = m_hoverY;
    switch (view.mode) {
        case ViewMode::Input:
            input = &whole;
            break;
        case ViewMode::Output:
            output = &whole;
            hover.onOutput = true;
            break;
        case ViewMode::SideBySide:
            input = &left;
            output = &right;
            hover.onOutput = mouseX >= pane.width + kGapPixels;
            break;
        case ViewMode::Split:
            input = &whole;
            output = &whole;
            hover.onOutput = mouseX >= splitX;
            break;
    }
    // A click is a release without a drag (dragging pans).
    hover.clicked = hovered && !m_draggingSplit && ImGui::IsMouseReleased(ImGuiMouseButton_Left) &&
                    io.MouseDragMaxDistanceSqr[0] < 9.0f;
    m_inspector.draw(context, draw, input, output, hover);
}

void ImageViewPanel::drawReadout(UiContext& context) {
    const AppState& state = context.state;
    if (!m_hoverValid || !state.input) {
        ImGui::TextDisabled("Hover the image to read pixel values; drag to pan, wheel to zoom.");
        return;
    }
    const std::uint8_t* in = state.input->pixel(m_hoverX, m_hoverY);
    char text[256];
    int used = std::snprintf(text, sizeof text, "x %d  y %d    input %3d %3d %3d %3d", m_hoverX,
                             m_hoverY, in[0], in[1], in[2], in[3]);
    const bool outputMatches = state.output && state.output->width() == state.input->width() &&
                               state.output->height() == state.input->height();
    if (outputMatches && used > 0 && static_cast<std::size_t>(used) < sizeof text) {
        const std::uint8_t* out = state.output->pixel(m_hoverX, m_hoverY);
        used += std::snprintf(text + used, sizeof text - static_cast<std::size_t>(used),
                              "    output %3d %3d %3d %3d", out[0], out[1], out[2], out[3]);
        if (state.view.diverging && used > 0 && static_cast<std::size_t>(used) < sizeof text) {
            const float offset = state.request.offset;
            std::snprintf(text + used, sizeof text - static_cast<std::size_t>(used),
                          "    signed %+.0f %+.0f %+.0f", static_cast<double>(out[0] - offset),
                          static_cast<double>(out[1] - offset),
                          static_cast<double>(out[2] - offset));
        }
    }
    ImGui::TextUnformatted(text);
    tooltip(
        "Pixel under the cursor: column x and row y from the top-left (0-based), then R G B A "
        "of the input and of the output, 0..255.");
}

}  // namespace convis::ui
