// Loading images through stb_image behind checked limits, and encoding PNG for export.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/image.hpp"

namespace convis {

struct ImageLimits {
    int maxSide = Image::kMaxSide;                      // 16384 px
    std::size_t maxPixels = Image::kMaxPixels;          // 64 megapixels
    std::uint64_t maxFileBytes = 512ull * 1024 * 1024;  // 512 MiB
};

// Loads PNG, JPEG, BMP, TGA or PNM as RGBA8. The header is checked against the limits before
// anything is decoded or allocated for pixels. Throws InputError with one line that names the
// file and the reason: missing, a directory, empty, too large, not a supported image, truncated.
Image loadImage(const std::string& path, const ImageLimits& limits = {});

// The same checks and decoding for bytes already in memory; `name` is used in messages.
Image decodeImage(const std::vector<std::uint8_t>& bytes, const std::string& name,
                  const ImageLimits& limits = {});

// PNG file contents for an image (RGBA, 8 bits per channel).
std::vector<std::uint8_t> encodePng(const Image& image);

// encodePng, then an atomic write (see atomic_file.hpp). Throws IoError; the old file survives.
void savePng(const Image& image, const std::string& path);

}  // namespace convis
