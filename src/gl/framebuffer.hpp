// RAII framebuffer with one RGBA8 colour texture: the image view renders into it offscreen.
#pragma once

#include <epoxy/gl.h>

#include "gl/texture.hpp"

namespace convis::gl {

class Framebuffer {
  public:
    Framebuffer() = default;
    ~Framebuffer();
    Framebuffer(const Framebuffer&) = delete;
    Framebuffer& operator=(const Framebuffer&) = delete;

    // (Re)allocates to the size; returns false (after reporting) if it is not complete.
    bool resize(int width, int height);
    // Binds for drawing and sets the viewport; restores the previous binding and viewport
    // when the returned guard goes out of scope.
    class Binding {
      public:
        explicit Binding(const Framebuffer& framebuffer);
        ~Binding();
        Binding(const Binding&) = delete;
        Binding& operator=(const Binding&) = delete;

      private:
        GLint m_previous = 0;
        GLint m_viewport[4] = {0, 0, 0, 0};
    };

    const Texture& colour() const { return m_colour; }
    int width() const { return m_colour.width(); }
    int height() const { return m_colour.height(); }

  private:
    GLuint m_id = 0;
    Texture m_colour;
};

}  // namespace convis::gl
