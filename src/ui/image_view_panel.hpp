// The image view: input, output, side by side or split with a draggable divider; zoom, pan,
// pixel grid, the pixel under the cursor, and the diverging-map legend for signed outputs.
#pragma once

#include "ui/inspector_overlay.hpp"
#include "ui/panel.hpp"

namespace convis::ui {

// Zoom and pan arithmetic, separate from drawing so it can be tested.
struct PaneGeometry {
    float width = 0.0f;  // one pane, logical pixels
    float height = 0.0f;
};

class ImageViewPanel final : public Panel {
  public:
    ImageViewPanel();

  protected:
    void drawContent(UiContext& context) override;

  private:
    void drawToolbar(UiContext& context);
    void drawCanvas(UiContext& context, ImVec2 size);
    void drawReadout(UiContext& context);
    void handleShortcuts(UiContext& context, ImVec2 paneSize);
    void drawInspector(UiContext& context, ImDrawList* draw, ImVec2 origin, ImVec2 size,
                       const PaneGeometry& pane, float originX, float originY, float splitX,
                       float mouseX, bool hovered);

    bool m_draggingSplit = false;
    bool m_hoverValid = false;  // the cursor is over an image pixel
    int m_hoverX = 0;
    int m_hoverY = 0;
    InspectorOverlay m_inspector;
};

// The zoom at which the whole image fits the pane (at most kMaxZoom).
float fitZoom(const PaneGeometry& pane, int imageWidth, int imageHeight);
// Zooms by factor keeping the image point under `local` (pane pixels) where it is.
void zoomAround(ViewSettings& view, const PaneGeometry& pane, float localX, float localY,
                float factor);

}  // namespace convis::ui
