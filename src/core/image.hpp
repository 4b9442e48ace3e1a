// RGBA8 image: the one pixel format every backend reads and writes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace convis {

inline constexpr int kChannels = 4;  // R, G, B, A, 8 bits each, rows tightly packed

class Image {
  public:
    Image() = default;
    // Throws InputError for negative sizes or more than kMaxPixels pixels.
    Image(int width, int height);
    Image(int width, int height, std::vector<std::uint8_t> rgba);

    int width() const { return m_width; }
    int height() const { return m_height; }
    bool empty() const { return m_width == 0 || m_height == 0; }
    std::size_t pixelCount() const {
        return static_cast<std::size_t>(m_width) * static_cast<std::size_t>(m_height);
    }
    std::size_t byteCount() const { return pixelCount() * kChannels; }
    std::size_t rowBytes() const { return static_cast<std::size_t>(m_width) * kChannels; }

    std::uint8_t* data() { return m_pixels.data(); }
    const std::uint8_t* data() const { return m_pixels.data(); }
    std::vector<std::uint8_t>& bytes() { return m_pixels; }
    const std::vector<std::uint8_t>& bytes() const { return m_pixels; }

    std::uint8_t* pixel(int x, int y) { return m_pixels.data() + offset(x, y); }
    const std::uint8_t* pixel(int x, int y) const { return m_pixels.data() + offset(x, y); }

    bool operator==(const Image& other) const = default;

    // Limits shared by loading, patterns and every backend.
    static constexpr int kMaxSide = 16384;
    static constexpr std::size_t kMaxPixels = 64ull * 1024 * 1024;

  private:
    std::size_t offset(int x, int y) const {
        return (static_cast<std::size_t>(y) * static_cast<std::size_t>(m_width) +
                static_cast<std::size_t>(x)) *
               kChannels;
    }

    int m_width = 0;
    int m_height = 0;
    std::vector<std::uint8_t> m_pixels;
};

}  // namespace convis
