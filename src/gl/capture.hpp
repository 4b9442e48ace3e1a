// Reads the current framebuffer back into an Image (top row first) for screenshots.
#pragma once

#include "core/image.hpp"

namespace convis::gl {

// Reads width x height pixels of the bound read framebuffer (the window's back buffer after
// rendering, before the swap). Alpha is forced to 255 so the PNG looks like the screen.
Image readFramebuffer(int width, int height);

}  // namespace convis::gl
