// RAII GLSL program built from a vertex and a fragment shader, with cached uniform locations.
#pragma once

#include <epoxy/gl.h>

#include <string>
#include <string_view>
#include <unordered_map>

namespace convis::gl {

class ShaderProgram {
  public:
    ShaderProgram() = default;
    // Compiles and links; throws std::runtime_error with the GL info log on failure.
    ShaderProgram(std::string_view vertexSource, std::string_view fragmentSource,
                  std::string_view name);
    ~ShaderProgram();
    ShaderProgram(ShaderProgram&& other) noexcept;
    ShaderProgram& operator=(ShaderProgram&& other) noexcept;
    ShaderProgram(const ShaderProgram&) = delete;
    ShaderProgram& operator=(const ShaderProgram&) = delete;

    GLuint id() const { return m_id; }
    void use() const;

    // Setters skip uniforms the compiler removed (location -1), which GL allows.
    void set(const char* name, int value);
    void set(const char* name, float value);
    void set(const char* name, float x, float y);

  private:
    GLint location(const char* name);
    void release();

    GLuint m_id = 0;
    std::unordered_map<std::string, GLint> m_locations;
};

}  // namespace convis::gl
