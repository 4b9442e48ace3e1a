// An OpenGL 3.3 core context from a hidden GLFW window: GLX on the X server named by DISPLAY
// (NVIDIA's GLX or Mesa's, which is what the fallback check needs).
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <string>

#include "gl_context.hpp"

namespace convis::check {

namespace {

class GlfwContext final : public GlContext {
  public:
    explicit GlfwContext(GLFWwindow* window) : m_window(window) {}
    ~GlfwContext() override {
        glfwDestroyWindow(m_window);
        glfwTerminate();
    }
    std::string describe() const override { return "GLX window (GLFW)"; }

  private:
    GLFWwindow* m_window;
};

}  // namespace

std::unique_ptr<GlContext> createGlfwContext(std::string& why) {
    if (glfwInit() == GLFW_FALSE) {
        const char* text = nullptr;
        glfwGetError(&text);
        why = std::string("glfwInit failed: ") + (text != nullptr ? text : "no X display");
        return nullptr;
    }
    glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    GLFWwindow* window = glfwCreateWindow(64, 64, "convis interop check", nullptr, nullptr);
    if (window == nullptr) {
        const char* text = nullptr;
        glfwGetError(&text);
        why = std::string("cannot create a GL 3.3 core window: ") +
              (text != nullptr ? text : "unknown");
        glfwTerminate();
        return nullptr;
    }
    glfwMakeContextCurrent(window);
    return std::make_unique<GlfwContext>(window);
}

}  // namespace convis::check
