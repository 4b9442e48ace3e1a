// What an image file's bytes declare, read by convis itself: the size in the header (checked
// against the limits before stb_image parses anything) and whether the file ends properly.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace convis {

enum class ImageFormat { Png, Jpeg, Bmp, Pnm, Tga };

struct DeclaredSize {
    std::int64_t width = 0;
    std::int64_t height = 0;
};

// The width and height the header states, or nothing when the header is too short to say.
std::optional<DeclaredSize> declaredImageSize(const std::vector<std::uint8_t>& bytes,
                                              ImageFormat format);

// Every chunk complete and an IEND chunk present.
bool isPngComplete(const std::vector<std::uint8_t>& bytes);

// The marker segments and entropy-coded scans run up to an EOI marker.
bool isJpegComplete(const std::vector<std::uint8_t>& bytes);

}  // namespace convis
