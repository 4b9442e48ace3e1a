// Offscreen framebuffer.
#include "gl/framebuffer.hpp"

#include <cstdio>

#include "gl/gl_check.hpp"

namespace convis::gl {

Framebuffer::~Framebuffer() {
    if (m_id != 0) {
        CONVIS_GL_CHECK(glDeleteFramebuffers(1, &m_id));
    }
}

bool Framebuffer::resize(int width, int height) {
    if (width <= 0 || height <= 0) {
        return false;
    }
    if (m_id != 0 && width == m_colour.width() && height == m_colour.height()) {
        return true;
    }
    if (m_id == 0) {
        CONVIS_GL_CHECK(glGenFramebuffers(1, &m_id));
    }
    m_colour.allocate(width, height, Filter::Nearest);
    GLint previous = 0;
    CONVIS_GL_CHECK(glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &previous));
    CONVIS_GL_CHECK(glBindFramebuffer(GL_FRAMEBUFFER, m_id));
    CONVIS_GL_CHECK(glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D,
                                           m_colour.id(), 0));
    const GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
    checkErrors("glCheckFramebufferStatus", __FILE__, __LINE__);
    CONVIS_GL_CHECK(glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previous)));
    if (status != GL_FRAMEBUFFER_COMPLETE) {
        std::fprintf(stderr, "convis: offscreen framebuffer %dx%d incomplete (0x%04x)\n", width,
                     height, status);
        return false;
    }
    return true;
}

Framebuffer::Binding::Binding(const Framebuffer& framebuffer) {
    CONVIS_GL_CHECK(glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &m_previous));
    CONVIS_GL_CHECK(glGetIntegerv(GL_VIEWPORT, m_viewport));
    CONVIS_GL_CHECK(glBindFramebuffer(GL_FRAMEBUFFER, framebuffer.m_id));
    CONVIS_GL_CHECK(glViewport(0, 0, framebuffer.width(), framebuffer.height()));
}

Framebuffer::Binding::~Binding() {
    CONVIS_GL_CHECK(glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(m_previous)));
    CONVIS_GL_CHECK(glViewport(m_viewport[0], m_viewport[1], m_viewport[2], m_viewport[3]));
}

}  // namespace convis::gl
