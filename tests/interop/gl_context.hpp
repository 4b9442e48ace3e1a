// An offscreen OpenGL 3.3 core context for the interop check: headless EGL on a GPU device
// (EGL_PLATFORM_DEVICE_EXT), or a hidden GLFW window (GLX under an X server).
#pragma once

#include <memory>
#include <string>

namespace convis::check {

class GlContext {
  public:
    GlContext() = default;
    virtual ~GlContext() = default;
    GlContext(const GlContext&) = delete;
    GlContext& operator=(const GlContext&) = delete;
    virtual std::string describe() const = 0;  // "EGL device 0 of 2", "GLX (GLFW)"
};

// nullptr with the reason in `why` when no context can be made here.
std::unique_ptr<GlContext> createEglContext(std::string& why);
std::unique_ptr<GlContext> createGlfwContext(std::string& why);

}  // namespace convis::check
