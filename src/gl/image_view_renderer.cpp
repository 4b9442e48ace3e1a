// The display pass of the image view.
#include "gl/image_view_renderer.hpp"

#include "gl/gl_check.hpp"
#include "gl/shader_sources.hpp"

namespace convis::gl {

ImageViewRenderer::ImageViewRenderer()
    : m_program(shaderSource("fullscreen.vert"), shaderSource("image_view.frag"), "image_view") {
    CONVIS_GL_CHECK(glGenVertexArrays(1, &m_vertexArray));
}

ImageViewRenderer::~ImageViewRenderer() {
    if (m_vertexArray != 0) {
        CONVIS_GL_CHECK(glDeleteVertexArrays(1, &m_vertexArray));
    }
}

const Texture& ImageViewRenderer::render(const Texture& input, const Texture& output,
                                         const ViewUniforms& u) {
    if (!m_target.resize(u.viewWidth, u.viewHeight)) {
        return m_target.colour();
    }
    const Framebuffer::Binding binding(m_target);
    CONVIS_GL_CHECK(glDisable(GL_BLEND));
    CONVIS_GL_CHECK(glDisable(GL_SCISSOR_TEST));
    CONVIS_GL_CHECK(glDisable(GL_DEPTH_TEST));
    CONVIS_GL_CHECK(glDisable(GL_CULL_FACE));
    m_program.use();
    CONVIS_GL_CHECK(glActiveTexture(GL_TEXTURE0));
    CONVIS_GL_CHECK(glBindTexture(GL_TEXTURE_2D, input.id()));
    CONVIS_GL_CHECK(glActiveTexture(GL_TEXTURE1));
    CONVIS_GL_CHECK(glBindTexture(GL_TEXTURE_2D, output.valid() ? output.id() : input.id()));
    m_program.set("u_input", 0);
    m_program.set("u_output", 1);
    m_program.set("u_viewSize", static_cast<float>(u.viewWidth), static_cast<float>(u.viewHeight));
    m_program.set("u_imageSize", static_cast<float>(input.width()),
                  static_cast<float>(input.height()));
    m_program.set("u_zoom", u.zoom);
    m_program.set("u_origin", u.originX, u.originY);
    m_program.set("u_mode", static_cast<int>(u.mode));
    m_program.set("u_splitX", u.splitX);
    m_program.set("u_gap", u.gap);
    const bool hasOutput =
        output.valid() && output.width() == input.width() && output.height() == input.height();
    m_program.set("u_hasOutput", hasOutput ? 1 : 0);
    m_program.set("u_diverging", u.diverging ? 1 : 0);
    m_program.set("u_centre", u.centre);
    m_program.set("u_gridZoom", u.gridZoom);
    CONVIS_GL_CHECK(glBindVertexArray(m_vertexArray));
    CONVIS_GL_CHECK(glDrawArrays(GL_TRIANGLES, 0, 3));
    CONVIS_GL_CHECK(glBindVertexArray(0));
    CONVIS_GL_CHECK(glActiveTexture(GL_TEXTURE1));
    CONVIS_GL_CHECK(glBindTexture(GL_TEXTURE_2D, 0));
    CONVIS_GL_CHECK(glActiveTexture(GL_TEXTURE0));
    CONVIS_GL_CHECK(glBindTexture(GL_TEXTURE_2D, 0));
    CONVIS_GL_CHECK(glUseProgram(0));
    return m_target.colour();
}

}  // namespace convis::gl
