// RegisteredTexture: register once, unregister before the texture goes.
#include "interop/registered_texture.hpp"

#include <utility>

#include "interop/cuda_failure.hpp"
#include "interop/cuda_gl_includes.hpp"

namespace convis::interop {

RegisteredTexture::RegisteredTexture(unsigned int glTexture, int width, int height)
    : m_texture(glTexture), m_width(width), m_height(height) {
    checkCuda(cudaGraphicsGLRegisterImage(&m_resource, glTexture, GL_TEXTURE_2D,
                                          cudaGraphicsRegisterFlagsSurfaceLoadStore |
                                              cudaGraphicsRegisterFlagsWriteDiscard),
              "cudaGraphicsGLRegisterImage");
}

RegisteredTexture::~RegisteredTexture() {
    static_cast<void>(release());
}

RegisteredTexture::RegisteredTexture(RegisteredTexture&& other) noexcept
    : m_resource(std::exchange(other.m_resource, nullptr)),
      m_texture(other.m_texture),
      m_width(other.m_width),
      m_height(other.m_height) {}

RegisteredTexture& RegisteredTexture::operator=(RegisteredTexture&& other) noexcept {
    if (this != &other) {
        static_cast<void>(release());
        m_resource = std::exchange(other.m_resource, nullptr);
        m_texture = other.m_texture;
        m_width = other.m_width;
        m_height = other.m_height;
    }
    return *this;
}

cudaError_t RegisteredTexture::release() noexcept {
    if (m_resource == nullptr) {
        return cudaSuccess;
    }
    const cudaError_t result = cudaGraphicsUnregisterResource(m_resource);
    m_resource = nullptr;
    return result;
}

}  // namespace convis::interop
