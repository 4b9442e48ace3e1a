// One name for every image input: a file path, bundled:NAME (or just NAME), pattern:NAME:WxH.
#pragma once

#include <string>
#include <string_view>

#include "core/image.hpp"

namespace convis {

// The input used when none is given: the default bundled image.
std::string defaultImageSource();

// Loads the image a source names. Resolution order: "pattern:..." is a generated pattern,
// "bundled:NAME" a bundled image, an existing path a file; a bare name that is no file but
// matches a bundled image ("astronaut") is that image. Throws InputError otherwise.
Image loadImageSource(std::string_view source);

// A short name for output files: "astronaut", "zoneplate-512x512", the file's stem.
std::string imageSourceStem(std::string_view source);

}  // namespace convis
