// Framebuffer read-back with glReadPixels.
#include "gl/capture.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

#include "gl/gl_check.hpp"

namespace convis::gl {

Image readFramebuffer(int width, int height) {
    return readFramebufferRegion(0, 0, width, height, height);
}

Image readFramebufferRegion(int x, int y, int width, int height, int framebufferHeight) {
    Image image(width, height);
    if (image.empty()) {
        return image;
    }
    CONVIS_GL_CHECK(glPixelStorei(GL_PACK_ALIGNMENT, 4));
    CONVIS_GL_CHECK(glPixelStorei(GL_PACK_ROW_LENGTH, 0));
    CONVIS_GL_CHECK(glReadBuffer(GL_BACK));
    // The rectangle's bottom row, counted from the framebuffer's bottom edge.
    const int lowestRow = framebufferHeight - (y + height);
    CONVIS_GL_CHECK(
        glReadPixels(x, lowestRow, width, height, GL_RGBA, GL_UNSIGNED_BYTE, image.data()));
    // GL's origin is the bottom-left corner; images here start with the top row.
    const std::size_t rowBytes = image.rowBytes();
    std::vector<std::uint8_t> row(rowBytes);
    for (int r = 0; r < height / 2; ++r) {
        std::uint8_t* top = image.pixel(0, r);
        std::uint8_t* bottom = image.pixel(0, height - 1 - r);
        std::memcpy(row.data(), top, rowBytes);
        std::memcpy(top, bottom, rowBytes);
        std::memcpy(bottom, row.data(), rowBytes);
    }
    for (std::size_t i = 3; i < image.byteCount(); i += 4) {
        image.bytes()[i] = 255;
    }
    return image;
}

}  // namespace convis::gl
