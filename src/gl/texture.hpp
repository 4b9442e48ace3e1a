// RAII RGBA8 2D texture (GL 3.3 core: glTexImage2D, no immutable storage).
#pragma once

#include <epoxy/gl.h>

#include "core/image.hpp"

namespace convis::gl {

enum class Filter { Nearest, Linear };

class Texture {
  public:
    Texture() = default;
    ~Texture();
    Texture(Texture&& other) noexcept;
    Texture& operator=(Texture&& other) noexcept;
    Texture(const Texture&) = delete;
    Texture& operator=(const Texture&) = delete;

    // Allocates (or reallocates when the size changed) and uploads the image's pixels.
    void upload(const Image& image, Filter filter = Filter::Linear);
    // Allocates storage of the given size without contents (render target, interop surface).
    void allocate(int width, int height, Filter filter = Filter::Linear);

    // The GL name; stable for the lifetime of this object (0 until first allocation).
    GLuint id() const { return m_id; }
    int width() const { return m_width; }
    int height() const { return m_height; }
    bool valid() const { return m_id != 0 && m_width > 0 && m_height > 0; }

  private:
    void ensure(int width, int height, Filter filter, const void* pixels);
    void release();

    GLuint m_id = 0;
    int m_width = 0;
    int m_height = 0;
};

}  // namespace convis::gl
