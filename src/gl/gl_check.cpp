// GL error reporting for CONVIS_GL_CHECK.
#include "gl/gl_check.hpp"

#include <cstdio>
#include <cstring>

namespace convis::gl {

const char* errorName(GLenum code) {
    switch (code) {
        case GL_INVALID_ENUM:
            return "GL_INVALID_ENUM";
        case GL_INVALID_VALUE:
            return "GL_INVALID_VALUE";
        case GL_INVALID_OPERATION:
            return "GL_INVALID_OPERATION";
        case GL_INVALID_FRAMEBUFFER_OPERATION:
            return "GL_INVALID_FRAMEBUFFER_OPERATION";
        case GL_OUT_OF_MEMORY:
            return "GL_OUT_OF_MEMORY";
        default:
            return "GL error (unknown code)";
    }
}

bool checkErrors(const char* what, const char* file, int line) {
    bool clean = true;
    // glGetError returns one flag per call; a lost context keeps returning errors, so the loop
    // is bounded rather than run until GL_NO_ERROR.
    for (int i = 0; i < 16; ++i) {
        const GLenum code = glGetError();
        if (code == GL_NO_ERROR) {
            break;
        }
        clean = false;
        const char* base = std::strrchr(file, '/');
        std::fprintf(stderr, "convis: %s (0x%04x) in %s at %s:%d\n", errorName(code), code, what,
                     base != nullptr ? base + 1 : file, line);
    }
    return clean;
}

}  // namespace convis::gl
