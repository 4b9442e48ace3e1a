// CudaGlProducer: runs a CUDA convolution whose result lands in an OpenGL texture, through
// CUDA-GL interop when the GL context is on an NVIDIA GPU, else through a device -> host ->
// glTexSubImage2D copy. Plain C++ header (no CUDA, no GL), usable from the app and the UI.
//
// Threading and context: every member function must be called on the thread whose OpenGL
// context owns the texture, with that context current (the main thread of the app).
//
// Lifetime rules (interop registers the texture with CUDA, and a registration must not outlive
// the texture's storage):
//   - call releaseTexture() before glDeleteTextures() or before respecifying the texture's
//     storage (glTexImage2D with a new size); produce() registers again on the next call;
//   - destroy the producer before the GL context.
//
// Failure policy: produce() never throws and never exits. A failure of the interop step (map,
// register) switches the producer to the copy path for good, with the reason in status(); a
// CUDA failure in the copy path, or a sticky CUDA error, disables CUDA for the producer with
// the reason; the caller then uses a CPU backend. A bad request or a size mismatch fails that
// call only.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "backends/backend.hpp"
#include "core/conv_request.hpp"
#include "core/image.hpp"

namespace convis {

// Which surface-writing kernel produce() launches (see kernels/surface_launch.hpp).
enum class SurfaceKernel : std::uint8_t { Naive, Tiled, Fast };

// "cuda-naive", "cuda-tiled", "cuda-fast": the ids the CUDA backends use for the same kernels.
const char* surfaceKernelId(SurfaceKernel kernel);

struct InteropStatus {
    bool probed = false;            // probe() ran (produce() runs it when needed)
    bool cudaAvailable = false;     // CUDA kernels can run here (interop or copy path)
    bool interopAvailable = false;  // results go straight into the texture
    std::string renderer;           // GL_RENDERER of the current context
    // Empty while interop is on; else why not, e.g. "no NVIDIA driver", "interop unavailable:
    // GL context is not on an NVIDIA GPU (renderer: llvmpipe (LLVM 15.0.6, 256 bits))".
    std::string reason;
};

// The GL texture produce() writes: created by the caller as GL_TEXTURE_2D, internal format
// GL_RGBA8, exactly the input's size.
struct TextureTarget {
    unsigned int id = 0;  // GLuint
    int width = 0;
    int height = 0;
};

struct ProduceOptions {
    SurfaceKernel kernel = SurfaceKernel::Tiled;
    int blockWidth = 16;  // threads per block in x and y: each 1..32, product 32..1024
    int blockHeight = 16;
    // When set, also receives the result in host memory (for pixel read-outs and saving),
    // downloaded from the texture's array while it is mapped: stage "download".
    Image* hostCopy = nullptr;
};

struct ProduceResult {
    bool ok = false;
    bool viaInterop = false;  // true: written through interop; false: copy path
    // Stages: interop path "interop-map", "kernel", ["download",] "interop-unmap" (CUDA
    // events); copy path "kernel", "download" (CUDA events), "texture-upload" (host clock).
    // totalMilliseconds is host time from the call until the result is complete.
    RunResult timing;
    std::string error;  // when !ok: one line, e.g. "texture is 640x480 but the input is 64x64"
};

class CudaGlProducer {
  public:
    CudaGlProducer();
    ~CudaGlProducer();
    CudaGlProducer(const CudaGlProducer&) = delete;
    CudaGlProducer& operator=(const CudaGlProducer&) = delete;

    // Probes CUDA and interop on the current GL context (cudaGLGetDevices), once; later calls
    // return the cached status. The reason changes later when a step fails at run time.
    const InteropStatus& probe();
    const InteropStatus& status() const;

    // One line for the image view: "CUDA -> GL interop on", or "interop unavailable: <reason>;
    // using device->host->texture copy", or "CUDA unavailable: <reason>".
    std::string badge() const;

    // Lets the user (or a test) force the copy path on a machine where interop works.
    void setInteropAllowed(bool allowed);

    // Uploads the input to the device; call once per new image. Returns false (with the reason
    // in the returned string) when CUDA cannot take it; the producer is then disabled.
    bool setInput(const Image& input, std::string* error = nullptr);
    bool hasInput() const;

    // Filters the current input with `request` into `target`. See the failure policy above.
    ProduceResult produce(const TextureTarget& target, const ConvRequest& request,
                          const ProduceOptions& options) noexcept;

    // Drops the CUDA registration of the texture (see lifetime rules). Safe to call any time.
    void releaseTexture() noexcept;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace convis
