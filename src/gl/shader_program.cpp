// Shader compilation and linking with readable errors.
#include "gl/shader_program.hpp"

#include <stdexcept>
#include <utility>
#include <vector>

#include "gl/gl_check.hpp"

namespace convis::gl {

namespace {

std::string shaderLog(GLuint shader) {
    GLint length = 0;
    CONVIS_GL_CHECK(glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &length));
    std::vector<char> log(static_cast<std::size_t>(std::max(length, 1)), '\0');
    CONVIS_GL_CHECK(glGetShaderInfoLog(shader, length, nullptr, log.data()));
    return std::string(log.data());
}

std::string programLog(GLuint program) {
    GLint length = 0;
    CONVIS_GL_CHECK(glGetProgramiv(program, GL_INFO_LOG_LENGTH, &length));
    std::vector<char> log(static_cast<std::size_t>(std::max(length, 1)), '\0');
    CONVIS_GL_CHECK(glGetProgramInfoLog(program, length, nullptr, log.data()));
    return std::string(log.data());
}

GLuint compile(GLenum type, std::string_view source, std::string_view name) {
    if (source.empty()) {
        throw std::runtime_error("shader " + std::string(name) + " has no source");
    }
    const GLuint shader = glCreateShader(type);
    checkErrors("glCreateShader", __FILE__, __LINE__);
    const char* text = source.data();
    const auto length = static_cast<GLint>(source.size());
    CONVIS_GL_CHECK(glShaderSource(shader, 1, &text, &length));
    CONVIS_GL_CHECK(glCompileShader(shader));
    GLint ok = GL_FALSE;
    CONVIS_GL_CHECK(glGetShaderiv(shader, GL_COMPILE_STATUS, &ok));
    if (ok != GL_TRUE) {
        const std::string log = shaderLog(shader);
        CONVIS_GL_CHECK(glDeleteShader(shader));
        throw std::runtime_error("shader " + std::string(name) + " does not compile: " + log);
    }
    return shader;
}

}  // namespace

ShaderProgram::ShaderProgram(std::string_view vertexSource, std::string_view fragmentSource,
                             std::string_view name) {
    const GLuint vertex = compile(GL_VERTEX_SHADER, vertexSource, name);
    GLuint fragment = 0;
    try {
        fragment = compile(GL_FRAGMENT_SHADER, fragmentSource, name);
    } catch (...) {
        CONVIS_GL_CHECK(glDeleteShader(vertex));
        throw;
    }
    m_id = glCreateProgram();
    checkErrors("glCreateProgram", __FILE__, __LINE__);
    CONVIS_GL_CHECK(glAttachShader(m_id, vertex));
    CONVIS_GL_CHECK(glAttachShader(m_id, fragment));
    CONVIS_GL_CHECK(glLinkProgram(m_id));
    CONVIS_GL_CHECK(glDeleteShader(vertex));
    CONVIS_GL_CHECK(glDeleteShader(fragment));
    GLint ok = GL_FALSE;
    CONVIS_GL_CHECK(glGetProgramiv(m_id, GL_LINK_STATUS, &ok));
    if (ok != GL_TRUE) {
        const std::string log = programLog(m_id);
        release();
        throw std::runtime_error("program " + std::string(name) + " does not link: " + log);
    }
}

ShaderProgram::~ShaderProgram() {
    release();
}

ShaderProgram::ShaderProgram(ShaderProgram&& other) noexcept
    : m_id(std::exchange(other.m_id, 0U)), m_locations(std::move(other.m_locations)) {}

ShaderProgram& ShaderProgram::operator=(ShaderProgram&& other) noexcept {
    if (this != &other) {
        release();
        m_id = std::exchange(other.m_id, 0U);
        m_locations = std::move(other.m_locations);
    }
    return *this;
}

void ShaderProgram::release() {
    if (m_id != 0) {
        CONVIS_GL_CHECK(glDeleteProgram(m_id));
        m_id = 0;
    }
    m_locations.clear();
}

void ShaderProgram::use() const {
    CONVIS_GL_CHECK(glUseProgram(m_id));
}

GLint ShaderProgram::location(const char* name) {
    const auto found = m_locations.find(name);
    if (found != m_locations.end()) {
        return found->second;
    }
    const GLint loc = glGetUniformLocation(m_id, name);
    checkErrors("glGetUniformLocation", __FILE__, __LINE__);
    m_locations.emplace(name, loc);
    return loc;
}

void ShaderProgram::set(const char* name, int value) {
    const GLint loc = location(name);
    if (loc >= 0) {
        CONVIS_GL_CHECK(glUniform1i(loc, value));
    }
}

void ShaderProgram::set(const char* name, float value) {
    const GLint loc = location(name);
    if (loc >= 0) {
        CONVIS_GL_CHECK(glUniform1f(loc, value));
    }
}

void ShaderProgram::set(const char* name, float x, float y) {
    const GLint loc = location(name);
    if (loc >= 0) {
        CONVIS_GL_CHECK(glUniform2f(loc, x, y));
    }
}

}  // namespace convis::gl
