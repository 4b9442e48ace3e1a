// Draws the image view (input/output, side by side, split, zoom, grid, diverging map) into an
// offscreen texture with the display shader; the UI then shows that texture as an image.
#pragma once

#include <epoxy/gl.h>

#include "gl/framebuffer.hpp"
#include "gl/shader_program.hpp"
#include "gl/texture.hpp"

namespace convis::gl {

enum class ViewMode { Input = 0, Output = 1, SideBySide = 2, Split = 3 };

struct ViewUniforms {
    ViewMode mode = ViewMode::Input;
    int viewWidth = 0;  // target size in pixels
    int viewHeight = 0;
    float zoom = 1.0f;     // target pixels per image pixel
    float originX = 0.0f;  // image coordinate at a pane's top-left corner
    float originY = 0.0f;
    float splitX = 0.0f;  // split mode: divider position in target pixels
    float gap = 4.0f;     // side by side: pixels between panes
    bool diverging = false;
    float centre = 128.0f;  // the request's offset
    float gridZoom = 8.0f;
};

class ImageViewRenderer {
  public:
    // Compiles the embedded shaders; throws std::runtime_error with the log on failure.
    ImageViewRenderer();
    ~ImageViewRenderer();
    ImageViewRenderer(const ImageViewRenderer&) = delete;
    ImageViewRenderer& operator=(const ImageViewRenderer&) = delete;

    // Renders into the offscreen target and returns its texture (invalid when the size is 0).
    // `output` may be an invalid texture: the output side then shows a placeholder.
    const Texture& render(const Texture& input, const Texture& output,
                          const ViewUniforms& uniforms);

  private:
    ShaderProgram m_program;
    Framebuffer m_target;
    GLuint m_vertexArray = 0;  // core profile needs a bound VAO even with no attributes
};

}  // namespace convis::gl
