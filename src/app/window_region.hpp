// Rectangles of the window (ImGui's coordinates) as framebuffer pixels, for reading part of the
// window back: the two differ by the framebuffer scale on high-DPI displays.
#pragma once

namespace convis {

struct PixelRect {
    int x = 0;  // from the framebuffer's top-left corner, as the window is laid out
    int y = 0;
    int width = 0;
    int height = 0;
    bool empty() const { return width < 1 || height < 1; }
};

// Scales (x, y, width, height) by the framebuffer scale, rounds each edge to the nearest pixel
// and clips the result to the framebuffer; empty when nothing of it is on screen.
PixelRect framebufferRect(float x, float y, float width, float height, float scaleX, float scaleY,
                          int framebufferWidth, int framebufferHeight);

}  // namespace convis
