// Window rectangles to framebuffer pixels: the framebuffer scale of HiDPI displays, rounding of
// each edge, and clipping to the framebuffer.
#include <doctest/doctest.h>

#include "app/window_region.hpp"

namespace convis {

TEST_CASE("window rectangles scale to framebuffer pixels and clip to the framebuffer") {
    const PixelRect plain = framebufferRect(10.0f, 20.0f, 300.0f, 200.0f, 1.0f, 1.0f, 1600, 900);
    CHECK(plain.x == 10);
    CHECK(plain.y == 20);
    CHECK(plain.width == 300);
    CHECK(plain.height == 200);
    // A HiDPI display: window coordinates are half the framebuffer's pixels.
    const PixelRect hidpi = framebufferRect(10.0f, 20.0f, 300.0f, 200.0f, 2.0f, 2.0f, 3200, 1800);
    CHECK(hidpi.x == 20);
    CHECK(hidpi.y == 40);
    CHECK(hidpi.width == 600);
    CHECK(hidpi.height == 400);
    // Each edge is rounded on its own: fractional layouts give the pixels they cover.
    const PixelRect frac = framebufferRect(10.4f, 20.6f, 99.4f, 50.0f, 1.0f, 1.0f, 1600, 900);
    CHECK(frac.x == 10);
    CHECK(frac.y == 21);
    CHECK(frac.width == 100);  // 10 .. 110 (109.8 rounds up)
    CHECK(frac.height == 50);  // 21 .. 71 (70.6 rounds up)
    // Partly off screen: clipped; wholly off screen: empty.
    const PixelRect clipped =
        framebufferRect(1500.0f, -10.0f, 300.0f, 50.0f, 1.0f, 1.0f, 1600, 900);
    CHECK(clipped.x == 1500);
    CHECK(clipped.y == 0);
    CHECK(clipped.width == 100);
    CHECK(clipped.height == 40);
    CHECK(framebufferRect(2000.0f, 10.0f, 50.0f, 50.0f, 1.0f, 1.0f, 1600, 900).empty());
    CHECK(framebufferRect(10.0f, 10.0f, 0.0f, 50.0f, 1.0f, 1.0f, 1600, 900).empty());
}

}  // namespace convis
