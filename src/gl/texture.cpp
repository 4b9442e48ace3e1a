// RAII RGBA8 texture.
#include "gl/texture.hpp"

#include <utility>

#include "gl/gl_check.hpp"

namespace convis::gl {

Texture::~Texture() {
    release();
}

Texture::Texture(Texture&& other) noexcept
    : m_id(std::exchange(other.m_id, 0U)),
      m_width(std::exchange(other.m_width, 0)),
      m_height(std::exchange(other.m_height, 0)) {}

Texture& Texture::operator=(Texture&& other) noexcept {
    if (this != &other) {
        release();
        m_id = std::exchange(other.m_id, 0U);
        m_width = std::exchange(other.m_width, 0);
        m_height = std::exchange(other.m_height, 0);
    }
    return *this;
}

void Texture::release() {
    if (m_id != 0) {
        CONVIS_GL_CHECK(glDeleteTextures(1, &m_id));
        m_id = 0;
    }
    m_width = 0;
    m_height = 0;
}

void Texture::ensure(int width, int height, Filter filter, const void* pixels) {
    if (m_id == 0) {
        CONVIS_GL_CHECK(glGenTextures(1, &m_id));
    }
    const GLint glFilter = filter == Filter::Nearest ? GL_NEAREST : GL_LINEAR;
    CONVIS_GL_CHECK(glBindTexture(GL_TEXTURE_2D, m_id));
    CONVIS_GL_CHECK(glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, glFilter));
    CONVIS_GL_CHECK(glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, glFilter));
    CONVIS_GL_CHECK(glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE));
    CONVIS_GL_CHECK(glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE));
    // Rows are tightly packed RGBA8, so any width is 4-byte aligned; set it anyway so a caller
    // that changed the unpack state cannot skew the upload.
    CONVIS_GL_CHECK(glPixelStorei(GL_UNPACK_ALIGNMENT, 4));
    CONVIS_GL_CHECK(glPixelStorei(GL_UNPACK_ROW_LENGTH, 0));
    if (width != m_width || height != m_height) {
        CONVIS_GL_CHECK(glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA,
                                     GL_UNSIGNED_BYTE, pixels));
        m_width = width;
        m_height = height;
    } else if (pixels != nullptr) {
        CONVIS_GL_CHECK(glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width, height, GL_RGBA,
                                        GL_UNSIGNED_BYTE, pixels));
    }
    CONVIS_GL_CHECK(glBindTexture(GL_TEXTURE_2D, 0));
}

void Texture::upload(const Image& image, Filter filter) {
    if (image.empty()) {
        return;
    }
    ensure(image.width(), image.height(), filter, image.data());
}

void Texture::allocate(int width, int height, Filter filter) {
    if (width <= 0 || height <= 0) {
        return;
    }
    ensure(width, height, filter, nullptr);
}

}  // namespace convis::gl
