// Window rectangles to framebuffer pixels.
#include "app/window_region.hpp"

#include <algorithm>
#include <cmath>

namespace convis {

PixelRect framebufferRect(float x, float y, float width, float height, float scaleX, float scaleY,
                          int framebufferWidth, int framebufferHeight) {
    // Each edge rounded on its own, so neighbouring rectangles share their border pixels.
    const auto edge = [](float value, float scale, int low, int high) {
        return std::clamp(static_cast<int>(std::lround(value * scale)), low, high);
    };
    PixelRect r;
    r.x = edge(x, scaleX, 0, framebufferWidth);
    r.y = edge(y, scaleY, 0, framebufferHeight);
    r.width = edge(x + width, scaleX, r.x, framebufferWidth) - r.x;
    r.height = edge(y + height, scaleY, r.y, framebufferHeight) - r.y;
    return r;
}

}  // namespace convis
