// MappedSurface: the scoped map of the interop sequence (map, get array, surface, unmap).
#include "interop/mapped_surface.hpp"

#include "interop/cuda_failure.hpp"

namespace convis::interop {

MappedSurface::MappedSurface(cudaGraphicsResource_t resource, cudaStream_t stream)
    : m_resource(resource), m_stream(stream) {
    checkCuda(cudaGraphicsMapResources(1, &m_resource, m_stream), "cudaGraphicsMapResources");
    m_mapped = true;
    try {
        checkCuda(cudaGraphicsSubResourceGetMappedArray(&m_array, m_resource, 0, 0),
                  "cudaGraphicsSubResourceGetMappedArray");
        m_surface = createSurface(m_array);
    } catch (...) {
        static_cast<void>(cudaGraphicsUnmapResources(1, &m_resource, m_stream));
        m_mapped = false;
        throw;
    }
}

MappedSurface::~MappedSurface() {
    m_surface.reset();
    if (m_mapped) {
        static_cast<void>(cudaGraphicsUnmapResources(1, &m_resource, m_stream));
    }
}

void MappedSurface::unmap() {
    if (!m_mapped) {
        return;
    }
    const cudaError_t destroyed = m_surface.release();
    m_mapped = false;
    checkCuda(cudaGraphicsUnmapResources(1, &m_resource, m_stream), "cudaGraphicsUnmapResources");
    checkCuda(destroyed, "cudaDestroySurfaceObject");
}

}  // namespace convis::interop
