// The photographs built into convis, so the app and the CLI work from any folder and on a
// machine that has only the binary. Sources and licences: assets/CREDITS.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/image.hpp"

namespace convis {

inline constexpr std::string_view kDefaultBundledImage = "astronaut";

struct BundledImageInfo {
    std::string id;           // "astronaut", "coffee", "chelsea"
    std::string description;  // one line for menus and `convis info`
    std::string credit;       // author and licence, one line
};

// Every bundled image, the default first.
std::vector<BundledImageInfo> bundledImageList();

// The PNG bytes as embedded. Throws InputError for an unknown id.
std::span<const std::uint8_t> bundledImageBytes(std::string_view id);

// Decoded RGBA8. Throws InputError for an unknown id.
Image loadBundledImage(std::string_view id);

}  // namespace convis
