// Window creation with readable errors (GLFW reports through glfwGetError, no callback needed).
#include "app/window.hpp"

#include <epoxy/gl.h>
// GLFW after epoxy: epoxy provides the GL declarations GLFW would otherwise include.
#include <GLFW/glfw3.h>

#include <algorithm>

#include <cmath>
#include "gl/gl_check.hpp"

namespace convis {

namespace {

std::string lastGlfwError() {
    const char* description = nullptr;
    const int code = glfwGetError(&description);
    if (code == GLFW_NO_ERROR || description == nullptr) {
        return "unknown GLFW error";
    }
    return description;
}

}  // namespace

Window::Window(const WindowOptions& options) {
    if (glfwInit() != GLFW_TRUE) {
        throw WindowError("no display available (" + lastGlfwError() + ")");
    }
    m_initialised = true;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    // Fit the requested size into the monitor's work area so the window is never larger than
    // the screen (a 1600x900 default on a 1366x768 laptop).
    int width = options.width;
    int height = options.height;
    if (GLFWmonitor* monitor = glfwGetPrimaryMonitor()) {
        int x = 0;
        int y = 0;
        int areaW = 0;
        int areaH = 0;
        glfwGetMonitorWorkarea(monitor, &x, &y, &areaW, &areaH);
        if (areaW > 0 && areaH > 0) {
            width = std::min(width, areaW);
            height = std::min(height, areaH);
        }
    }
    m_window = glfwCreateWindow(width, height, options.title.c_str(), nullptr, nullptr);
    if (m_window == nullptr) {
        throw WindowError("OpenGL 3.3 core is not available (" + lastGlfwError() + ")");
    }
    // Below this the panels cannot be laid out readably.
    glfwSetWindowSizeLimits(m_window, 640, 400, GLFW_DONT_CARE, GLFW_DONT_CARE);
    glfwMakeContextCurrent(m_window);
    const int version = epoxy_gl_version();
    if (version < 33) {
        throw WindowError("OpenGL 3.3 core is needed, this context offers " +
                          std::to_string(version / 10) + "." + std::to_string(version % 10));
    }
    glfwSwapInterval(1);
}

Window::~Window() {
    if (m_window != nullptr) {
        glfwDestroyWindow(m_window);
    }
    if (m_initialised) {
        glfwTerminate();
    }
}

float Window::contentScale() const {
    float x = 1.0f;
    float y = 1.0f;
    glfwGetWindowContentScale(m_window, &x, &y);
    const float scale = std::max(x, y);
    // Guard against nonsense from odd drivers; 1..4 covers every real display.
    return std::isfinite(scale) ? std::clamp(scale, 1.0f, 4.0f) : 1.0f;
}

void Window::framebufferSize(int& width, int& height) const {
    glfwGetFramebufferSize(m_window, &width, &height);
}

bool Window::shouldClose() const {
    return glfwWindowShouldClose(m_window) == GLFW_TRUE;
}

std::string Window::glDescription() const {
    const auto* version = reinterpret_cast<const char*>(glGetString(GL_VERSION));
    const auto* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    gl::checkErrors("glGetString", __FILE__, __LINE__);
    return std::string("OpenGL ") + (version != nullptr ? version : "?") + ", " +
           (renderer != nullptr ? renderer : "?");
}

}  // namespace convis
