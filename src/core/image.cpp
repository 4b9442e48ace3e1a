// RGBA8 image construction with size checks.
#include "core/image.hpp"

#include <string>

#include "core/error.hpp"

namespace convis {

namespace {
void checkSize(int width, int height) {
    if (width < 0 || height < 0) {
        throw InputError("image size " + std::to_string(width) + "x" + std::to_string(height) +
                         " is negative");
    }
    if (width > Image::kMaxSide || height > Image::kMaxSide) {
        throw InputError("image size " + std::to_string(width) + "x" + std::to_string(height) +
                         " exceeds " + std::to_string(Image::kMaxSide) + " px a side");
    }
    if (static_cast<std::size_t>(width) * static_cast<std::size_t>(height) > Image::kMaxPixels) {
        throw InputError("image size " + std::to_string(width) + "x" + std::to_string(height) +
                         " exceeds 64 megapixels");
    }
}
}  // namespace

Image::Image(int width, int height) : m_width(width), m_height(height) {
    checkSize(width, height);
    m_pixels.assign(pixelCount() * kChannels, 0);
}

Image::Image(int width, int height, std::vector<std::uint8_t> rgba)
    : m_width(width), m_height(height), m_pixels(std::move(rgba)) {
    checkSize(width, height);
    if (m_pixels.size() != pixelCount() * kChannels) {
        throw InputError("image buffer holds " + std::to_string(m_pixels.size()) +
                         " bytes, expected " + std::to_string(pixelCount() * kChannels));
    }
}

}  // namespace convis
