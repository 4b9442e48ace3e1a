// A GL_RGBA8 texture for the interop check (RAII), with resize and read-back.
#pragma once

#include <epoxy/gl.h>

#include <cstdint>
#include <string>
#include <vector>

namespace convis::check {

class CheckTexture {
  public:
    CheckTexture() { glGenTextures(1, &m_id); }
    ~CheckTexture() { glDeleteTextures(1, &m_id); }
    CheckTexture(const CheckTexture&) = delete;
    CheckTexture& operator=(const CheckTexture&) = delete;

    GLuint id() const { return m_id; }

    // Respecifies the storage (the caller releases any CUDA registration first), filled with
    // a marker value so a result that never arrived cannot pass as correct.
    void resize(int width, int height) {
        const std::vector<std::uint8_t> marker(
            static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4, 0xA5);
        glBindTexture(GL_TEXTURE_2D, m_id);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                     marker.data());
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glBindTexture(GL_TEXTURE_2D, 0);
        m_width = width;
        m_height = height;
    }

    std::vector<std::uint8_t> read() const {
        std::vector<std::uint8_t> pixels(static_cast<std::size_t>(m_width) *
                                         static_cast<std::size_t>(m_height) * 4);
        glBindTexture(GL_TEXTURE_2D, m_id);
        glPixelStorei(GL_PACK_ALIGNMENT, 4);
        glGetTexImage(GL_TEXTURE_2D, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
        glBindTexture(GL_TEXTURE_2D, 0);
        return pixels;
    }

  private:
    GLuint m_id = 0;
    int m_width = 0;
    int m_height = 0;
};

// "" when no GL error is pending, else its code.
inline std::string pendingGlError() {
    const GLenum error = glGetError();
    return error == GL_NO_ERROR ? std::string() : "GL error " + std::to_string(error);
}

}  // namespace convis::check
