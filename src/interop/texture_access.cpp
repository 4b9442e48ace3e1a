// GL texture checks and uploads for interop, with the caller's bindings saved and restored.
#include "interop/texture_access.hpp"

#include <cstdio>
#include <string>

#include "interop/cuda_failure.hpp"
#include "interop/cuda_gl_includes.hpp"

namespace convis::interop {

namespace {

// Clears errors left by earlier, unrelated GL calls so ours are not blamed for them (bounded:
// without a context glGetError itself can keep failing).
void drainGlErrors() {
    for (int i = 0; i < 16 && glGetError() != GL_NO_ERROR; ++i) {
    }
}

void checkGl(const char* what) {
    const GLenum error = glGetError();
    if (error != GL_NO_ERROR) {
        char code[16];
        std::snprintf(code, sizeof code, "0x%04x", error);
        throw GlFailure(std::string(what) + " failed: GL error " + code);
    }
}

// Binds a texture to GL_TEXTURE_2D for the scope and restores the previous binding.
class TextureBinding {
  public:
    explicit TextureBinding(GLuint texture) {
        glGetIntegerv(GL_TEXTURE_BINDING_2D, &m_previous);
        glBindTexture(GL_TEXTURE_2D, texture);
    }
    ~TextureBinding() { glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(m_previous)); }
    TextureBinding(const TextureBinding&) = delete;
    TextureBinding& operator=(const TextureBinding&) = delete;

  private:
    GLint m_previous = 0;
};

// Client-memory unpacking for the scope: no pixel-unpack buffer, alignment 4, no row length.
class UnpackState {
  public:
    UnpackState() {
        glGetIntegerv(GL_PIXEL_UNPACK_BUFFER_BINDING, &m_buffer);
        glGetIntegerv(GL_UNPACK_ALIGNMENT, &m_alignment);
        glGetIntegerv(GL_UNPACK_ROW_LENGTH, &m_rowLength);
        glBindBuffer(GL_PIXEL_UNPACK_BUFFER, 0);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
        glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    }
    ~UnpackState() {
        glBindBuffer(GL_PIXEL_UNPACK_BUFFER, static_cast<GLuint>(m_buffer));
        glPixelStorei(GL_UNPACK_ALIGNMENT, m_alignment);
        glPixelStorei(GL_UNPACK_ROW_LENGTH, m_rowLength);
    }
    UnpackState(const UnpackState&) = delete;
    UnpackState& operator=(const UnpackState&) = delete;

  private:
    GLint m_buffer = 0;
    GLint m_alignment = 4;
    GLint m_rowLength = 0;
};

}  // namespace

void verifyRgba8Texture(unsigned int texture, int width, int height) {
    drainGlErrors();
    if (texture == 0 || glIsTexture(texture) == GL_FALSE) {
        throw GlFailure("GL texture " + std::to_string(texture) + " does not exist");
    }
    GLint format = 0;
    GLint actualWidth = 0;
    GLint actualHeight = 0;
    {
        const TextureBinding binding(texture);
        glGetTexLevelParameteriv(GL_TEXTURE_2D, 0, GL_TEXTURE_INTERNAL_FORMAT, &format);
        glGetTexLevelParameteriv(GL_TEXTURE_2D, 0, GL_TEXTURE_WIDTH, &actualWidth);
        glGetTexLevelParameteriv(GL_TEXTURE_2D, 0, GL_TEXTURE_HEIGHT, &actualHeight);
    }
    checkGl("glGetTexLevelParameteriv");
    if (format != GL_RGBA8) {
        throw GlFailure("GL texture " + std::to_string(texture) + " is not GL_RGBA8");
    }
    if (actualWidth != width || actualHeight != height) {
        throw GlFailure("GL texture " + std::to_string(texture) + " is " +
                        std::to_string(actualWidth) + "x" + std::to_string(actualHeight) +
                        ", expected " + std::to_string(width) + "x" + std::to_string(height));
    }
}

void uploadRgba8(unsigned int texture, int width, int height, const std::uint8_t* pixels) {
    drainGlErrors();
    {
        const UnpackState unpack;
        const TextureBinding binding(texture);
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    }
    checkGl("glTexSubImage2D");
}

}  // namespace convis::interop
