// Headless OpenGL 3.3 core through EGL device enumeration: no X server, no window. Prefers the
// device whose GL vendor is NVIDIA (Mesa may list a software device too).
#include <dlfcn.h>
#include <epoxy/egl.h>
#include <epoxy/gl.h>

#include <string>
#include <vector>

#include "gl_context.hpp"

namespace convis::check {

namespace {

class EglContext final : public GlContext {
  public:
    EglContext(EGLDisplay display, EGLContext context, EGLSurface surface, std::string text)
        : m_display(display), m_context(context), m_surface(surface), m_text(std::move(text)) {}
    ~EglContext() override { release(m_display, m_context, m_surface); }
    std::string describe() const override { return m_text; }

    static void release(EGLDisplay display, EGLContext context, EGLSurface surface) {
        eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
        if (surface != EGL_NO_SURFACE) {
            eglDestroySurface(display, surface);
        }
        if (context != EGL_NO_CONTEXT) {
            eglDestroyContext(display, context);
        }
        eglTerminate(display);
    }

  private:
    EGLDisplay m_display;
    EGLContext m_context;
    EGLSurface m_surface;
    std::string m_text;
};

struct Candidate {
    EGLDisplay display = EGL_NO_DISPLAY;
    EGLContext context = EGL_NO_CONTEXT;
    EGLSurface surface = EGL_NO_SURFACE;
};

// A current 3.3 core context on one device's display, or why not.
bool makeCurrentOn(EGLDeviceEXT device, Candidate& out, std::string& why) {
    out.display = eglGetPlatformDisplayEXT(EGL_PLATFORM_DEVICE_EXT, device, nullptr);
    if (out.display == EGL_NO_DISPLAY) {
        why = "eglGetPlatformDisplayEXT failed";
        return false;
    }
    EGLint major = 0;
    EGLint minor = 0;
    if (eglInitialize(out.display, &major, &minor) == EGL_FALSE) {
        why = "eglInitialize failed";
        out.display = EGL_NO_DISPLAY;
        return false;
    }
    const EGLint configAttributes[] = {EGL_SURFACE_TYPE,
                                       EGL_PBUFFER_BIT,
                                       EGL_RENDERABLE_TYPE,
                                       EGL_OPENGL_BIT,
                                       EGL_RED_SIZE,
                                       8,
                                       EGL_GREEN_SIZE,
                                       8,
                                       EGL_BLUE_SIZE,
                                       8,
                                       EGL_ALPHA_SIZE,
                                       8,
                                       EGL_NONE};
    EGLConfig config = nullptr;
    EGLint configCount = 0;
    if (eglChooseConfig(out.display, configAttributes, &config, 1, &configCount) == EGL_FALSE ||
        configCount < 1 || eglBindAPI(EGL_OPENGL_API) == EGL_FALSE) {
        why = "no EGL config for desktop OpenGL with pbuffers";
        return false;
    }
    const EGLint surfaceAttributes[] = {EGL_WIDTH, 1, EGL_HEIGHT, 1, EGL_NONE};
    out.surface = eglCreatePbufferSurface(out.display, config, surfaceAttributes);
    const EGLint contextAttributes[] = {EGL_CONTEXT_MAJOR_VERSION,
                                        3,
                                        EGL_CONTEXT_MINOR_VERSION,
                                        3,
                                        EGL_CONTEXT_OPENGL_PROFILE_MASK,
                                        EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT,
                                        EGL_NONE};
    out.context = eglCreateContext(out.display, config, EGL_NO_CONTEXT, contextAttributes);
    if (out.surface == EGL_NO_SURFACE || out.context == EGL_NO_CONTEXT ||
        eglMakeCurrent(out.display, out.surface, out.surface, out.context) == EGL_FALSE) {
        why = "cannot make an OpenGL 3.3 core context current";
        return false;
    }
    return true;
}

}  // namespace

std::unique_ptr<GlContext> createEglContext(std::string& why) {
    // epoxy aborts when it cannot load libEGL; ask the loader first.
    void* library = dlopen("libEGL.so.1", RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
        why = "no libEGL.so.1";
        return nullptr;
    }
    dlclose(library);
    // glvnd's libEGL lists EGL_EXT_device_base, which contains device enumeration.
    const bool enumeration =
        epoxy_has_egl_extension(EGL_NO_DISPLAY, "EGL_EXT_device_enumeration") ||
        epoxy_has_egl_extension(EGL_NO_DISPLAY, "EGL_EXT_device_base");
    if (!enumeration || !epoxy_has_egl_extension(EGL_NO_DISPLAY, "EGL_EXT_platform_device")) {
        const char* client = eglQueryString(EGL_NO_DISPLAY, EGL_EXTENSIONS);
        why = std::string("EGL has no device enumeration (client extensions: ") +
              (client != nullptr ? client : "none: no EGL vendor library loaded?") + ")";
        return nullptr;
    }
    EGLDeviceEXT devices[16] = {};
    EGLint count = 0;
    if (eglQueryDevicesEXT(16, devices, &count) == EGL_FALSE || count < 1) {
        why = "no EGL device";
        return nullptr;
    }
    // Keep the first NVIDIA device; otherwise the first device that works at all.
    int chosen = -1;
    Candidate best;
    for (EGLint i = 0; i < count; ++i) {
        Candidate candidate;
        std::string failure;
        if (!makeCurrentOn(devices[i], candidate, failure)) {
            if (candidate.display != EGL_NO_DISPLAY) {
                EglContext::release(candidate.display, candidate.context, candidate.surface);
            }
            why = "EGL device " + std::to_string(i) + ": " + failure;
            continue;
        }
        const auto* vendor = reinterpret_cast<const char*>(glGetString(GL_VENDOR));
        const bool nvidia = vendor != nullptr && std::string(vendor).find("NVIDIA") == 0;
        if (chosen < 0 || nvidia) {
            if (chosen >= 0) {
                EglContext::release(best.display, best.context, best.surface);
            }
            best = candidate;
            chosen = i;
            if (nvidia) {
                break;
            }
        } else {
            EglContext::release(candidate.display, candidate.context, candidate.surface);
        }
    }
    if (chosen < 0) {
        return nullptr;
    }
    if (eglMakeCurrent(best.display, best.surface, best.surface, best.context) == EGL_FALSE) {
        EglContext::release(best.display, best.context, best.surface);
        why = "cannot make the chosen EGL context current again";
        return nullptr;
    }
    return std::make_unique<EglContext>(
        best.display, best.context, best.surface,
        "EGL device " + std::to_string(chosen) + " of " + std::to_string(count));
}

}  // namespace convis::check
