// Generated test patterns: impulse grid, checkerboard, zone plate, Siemens star, noise, gradient.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/image.hpp"

namespace convis {

struct PatternInfo {
    std::string id;  // "impulses", "checkerboard", "zoneplate", "siemens", "noise", "gradient"
    std::string description;
};

const std::vector<PatternInfo>& patternList();

// Throws InputError for an unknown name or a size outside 1..8192 a side.
Image makePattern(std::string_view id, int width, int height);

// Parses "pattern:NAME:WxH" (and "pattern:NAME", 512x512). Throws InputError when malformed.
Image makePatternFromSpec(std::string_view spec);

}  // namespace convis
