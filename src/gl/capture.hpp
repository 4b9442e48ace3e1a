// Reads the current framebuffer back into an Image (top row first) for screenshots.
#pragma once

#include "core/image.hpp"

namespace convis::gl {

// Reads width x height pixels of the bound read framebuffer (the window's back buffer after
// rendering, before the swap). Alpha is forced to 255 so the PNG looks like the screen.
Image readFramebuffer(int width, int height);

// Reads the rectangle (x, y, width, height) of the bound read framebuffer, given in framebuffer
// pixels from the top-left corner as the window is laid out, of a framebuffer
// `framebufferHeight` pixels tall: GL counts rows from the bottom, so the rectangle is flipped
// for glReadPixels and its rows back again. The rectangle must lie inside the framebuffer.
Image readFramebufferRegion(int x, int y, int width, int height, int framebufferHeight);

}  // namespace convis::gl
