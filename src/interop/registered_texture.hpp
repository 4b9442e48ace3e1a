// RegisteredTexture: a GL texture registered with CUDA for surface stores (RAII). It must be
// destroyed (unregistered) before the texture is deleted or its storage respecified.
#pragma once

#include <cuda_runtime_api.h>

namespace convis::interop {

class RegisteredTexture {
  public:
    RegisteredTexture() = default;
    // Registers GL_TEXTURE_2D `glTexture` (RGBA8, width x height) with SurfaceLoadStore and
    // WriteDiscard: CUDA writes every texel, so GL's old contents need not be kept.
    // Throws CudaFailure. Needs the texture's GL context current.
    RegisteredTexture(unsigned int glTexture, int width, int height);
    ~RegisteredTexture();
    RegisteredTexture(RegisteredTexture&& other) noexcept;
    RegisteredTexture& operator=(RegisteredTexture&& other) noexcept;
    RegisteredTexture(const RegisteredTexture&) = delete;
    RegisteredTexture& operator=(const RegisteredTexture&) = delete;

    bool registered() const { return m_resource != nullptr; }
    bool matches(unsigned int glTexture, int width, int height) const {
        return registered() && m_texture == glTexture && m_width == width && m_height == height;
    }
    cudaGraphicsResource_t resource() const { return m_resource; }

    // Unregisters now and returns the result (the destructor does the same, dropping it).
    cudaError_t release() noexcept;

  private:
    cudaGraphicsResource_t m_resource = nullptr;
    unsigned int m_texture = 0;
    int m_width = 0;
    int m_height = 0;
};

}  // namespace convis::interop
