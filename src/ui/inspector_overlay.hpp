// The receptive-field inspector drawn over the image view: an output pixel's KxK window on the
// input (values when zoomed, out-of-image taps hatched), its weighted sum term by term and who
// computes it; an input pixel's reach over the outputs. The maths is core/receptive_field.
#pragma once

#include <imgui.h>

#include "ui/panel.hpp"

namespace convis::ui {

// Where a pane shows the image: its clip rectangle and the image point at its top-left.
struct PaneMapping {
    ImVec2 min;
    ImVec2 max;
    float originX = 0.0f;
    float originY = 0.0f;
    float zoom = 1.0f;  // logical pixels per image pixel
    ImVec2 at(float ix, float iy) const {
        return ImVec2(min.x + (ix - originX) * zoom, min.y + (iy - originY) * zoom);
    }
    // Screen rectangle (min x, min y, max x, max y) of the image pixels [x0, x1) x [y0, y1).
    ImVec4 rectOf(int x0, int y0, int x1, int y1) const {
        const ImVec2 a = at(static_cast<float>(x0), static_cast<float>(y0));
        const ImVec2 b = at(static_cast<float>(x1), static_cast<float>(y1));
        return ImVec4(a.x, a.y, b.x, b.y);
    }
};

struct InspectorHover {
    bool valid = false;  // the cursor is over an image pixel
    int x = 0;
    int y = 0;
    bool onOutput = false;  // over the output pane (or the output side of the split)
    bool clicked = false;   // released without dragging
};

class InspectorOverlay {
  public:
    // Pins on a click, unpins on Esc or a click on the pinned pixel; then draws the highlights
    // on the panes given (nullptr: that pane is not shown) and the details box.
    void draw(UiContext& context, ImDrawList* draw, const PaneMapping* input,
              const PaneMapping* output, const InspectorHover& hover);

  private:
    void drawWindow(UiContext& context, ImDrawList* draw, const PaneMapping& pane, int x, int y);
    void drawReach(UiContext& context, ImDrawList* draw, const PaneMapping& pane, int x, int y);
    // `avoid`: screen rectangles (min, max) the pinned box should not cover: the pixel, its window.
    void drawOutputDetails(UiContext& context, int x, int y, bool pinned, const ImVec4 (&avoid)[2]);
    ImVec2 pinnedBoxCorner(const UiContext& context, const ImVec4 (&avoid)[2]) const;
    void drawInputDetails(UiContext& context, int x, int y);

    bool m_mouseMoved = false;
    ImVec2 m_boxSize{0.0f, 0.0f};  // the pinned box's size last frame (it sizes itself)
};

}  // namespace convis::ui
