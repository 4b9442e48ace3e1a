// The GLFW window with an OpenGL 3.3 core context; creation failures become one clear message.
#pragma once

#include <stdexcept>
#include <string>

struct GLFWwindow;

namespace convis {

// No display, no GL 3.3 core, or GLFW missing: the GUI cannot start (exit code 2).
class WindowError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct WindowOptions {
    int width = 1600;  // logical size before the content scale
    int height = 900;
    std::string title = "convis";
};

class Window {
  public:
    // Initialises GLFW, creates the window and context, makes it current, checks GL >= 3.3.
    // Throws WindowError with a one-line reason.
    explicit Window(const WindowOptions& options);
    ~Window();
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    GLFWwindow* handle() const { return m_window; }
    float contentScale() const;
    void framebufferSize(int& width, int& height) const;
    bool shouldClose() const;
    std::string glDescription() const;  // "OpenGL 4.5 (core) Mesa ..., llvmpipe"

  private:
    GLFWwindow* m_window = nullptr;
    bool m_initialised = false;
};

}  // namespace convis
