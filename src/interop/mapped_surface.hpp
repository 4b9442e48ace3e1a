// MappedSurface: a registered texture mapped for CUDA on a stream, seen as a surface object
// (map -> level-0 array -> surface). The surface is destroyed and the resource unmapped by
// unmap() or, dropping errors, by the destructor, so a failed launch never leaves GL locked out.
#pragma once

#include <cuda_runtime_api.h>

#include "interop/cuda_handles.hpp"

namespace convis::interop {

class MappedSurface {
  public:
    // Throws CudaFailure; whatever was mapped before the failing step is unmapped again.
    MappedSurface(cudaGraphicsResource_t resource, cudaStream_t stream);
    ~MappedSurface();
    MappedSurface(const MappedSurface&) = delete;
    MappedSurface& operator=(const MappedSurface&) = delete;

    cudaSurfaceObject_t surface() const { return m_surface.get(); }
    cudaArray_t array() const { return m_array; }

    // Destroys the surface and unmaps (ordered on the stream: GL sees the writes after it).
    // Throws CudaFailure; the resource counts as unmapped afterwards either way.
    void unmap();

  private:
    cudaGraphicsResource_t m_resource;
    cudaStream_t m_stream;
    bool m_mapped = false;
    cudaArray_t m_array = nullptr;
    SurfaceObject m_surface;
};

}  // namespace convis::interop
