# Writes a C++ file with every shader source as a raw string literal, so the binary needs no
# shader files at run time. Run as: cmake -DOUT=file.cpp -DSOURCES="a.vert|b.frag" -P EmbedShaders.cmake
set(_body "")
string(REPLACE "|" ";" SOURCES "${SOURCES}")
foreach(_src IN LISTS SOURCES)
  file(READ "${_src}" _text)
  get_filename_component(_name "${_src}" NAME)
  string(APPEND _body "        {\"${_name}\", R\"convis_shader(${_text})convis_shader\"},\n")
endforeach()
file(WRITE "${OUT}.new" "// Generated from shaders/ by cmake/EmbedShaders.cmake: do not edit.
#include \"gl/shader_sources.hpp\"

#include <array>
#include <utility>

namespace convis::gl {

std::string_view shaderSource(std::string_view name) {
    static constexpr std::pair<std::string_view, std::string_view> kSources[] = {
${_body}    };
    for (const auto& [file, text] : kSources) {
        if (file == name) {
            return text;
        }
    }
    return {};
}

}  // namespace convis::gl
")
# Only touch the output when it changed, so an unchanged shader rebuilds nothing.
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.new" "${OUT}")
file(REMOVE "${OUT}.new")
