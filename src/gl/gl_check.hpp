// Checked GL calls: every error is reported with the call and its place, and never aborts.
#pragma once

#include <epoxy/gl.h>

namespace convis::gl {

// Drains glGetError after `what` ran at file:line, printing one line per error on stderr
// ("convis: GL error GL_INVALID_VALUE in glTexImage2D(...) at texture.cpp:42").
// Returns true when there was no error. Reports, never throws or aborts: a broken draw call
// must not take the user's work with it.
bool checkErrors(const char* what, const char* file, int line);

// The GL name of an error code ("GL_INVALID_ENUM"), or "GL error 0x...." for unknown codes.
const char* errorName(GLenum code);

}  // namespace convis::gl

// Wraps one GL call: CONVIS_GL_CHECK(glBindTexture(GL_TEXTURE_2D, id));
#define CONVIS_GL_CHECK(call)                                 \
    do {                                                      \
        call;                                                 \
        ::convis::gl::checkErrors(#call, __FILE__, __LINE__); \
    } while (false)
