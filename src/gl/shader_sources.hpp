// The GLSL sources from shaders/, embedded into the binary at build time.
#pragma once

#include <string_view>

namespace convis::gl {

// The text of shaders/NAME (e.g. "view.frag"), or an empty view when there is no such file.
std::string_view shaderSource(std::string_view name);

}  // namespace convis::gl
