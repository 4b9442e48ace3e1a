// Small RAII owners for the CUDA objects the producer keeps: device memory, a stream, events,
// and a surface-capable CUDA array for the copy path. Destructors drop errors (they cannot
// report); the code that creates or uses a handle checks every call.
#pragma once

#include <cuda_runtime_api.h>

#include <cstddef>
#include <utility>

#include "interop/cuda_failure.hpp"

namespace convis::interop {

// Moves leave the source empty; T is the CUDA handle type, Release its destroy function.
template <typename T, cudaError_t (*Release)(T)>
class CudaHandle {
  public:
    CudaHandle() = default;
    explicit CudaHandle(T handle) : m_handle(handle) {}
    ~CudaHandle() { reset(); }
    CudaHandle(CudaHandle&& other) noexcept : m_handle(std::exchange(other.m_handle, T{})) {}
    CudaHandle& operator=(CudaHandle&& other) noexcept {
        if (this != &other) {
            reset();
            m_handle = std::exchange(other.m_handle, T{});
        }
        return *this;
    }
    CudaHandle(const CudaHandle&) = delete;
    CudaHandle& operator=(const CudaHandle&) = delete;

    T get() const { return m_handle; }
    explicit operator bool() const { return m_handle != T{}; }
    // Destroys the handle now and returns the result; reset() drops it (destructors).
    cudaError_t release() noexcept {
        if (m_handle == T{}) {
            return cudaSuccess;
        }
        return Release(std::exchange(m_handle, T{}));
    }
    void reset() noexcept { static_cast<void>(release()); }

  private:
    T m_handle{};
};

using DeviceMemory = CudaHandle<void*, cudaFree>;
using CudaStream = CudaHandle<cudaStream_t, cudaStreamDestroy>;
using CudaEvent = CudaHandle<cudaEvent_t, cudaEventDestroy>;
using CudaArray = CudaHandle<cudaArray_t, cudaFreeArray>;
using SurfaceObject = CudaHandle<cudaSurfaceObject_t, cudaDestroySurfaceObject>;

inline DeviceMemory allocateDevice(std::size_t bytes, const char* what) {
    void* p = nullptr;
    checkCuda(cudaMalloc(&p, bytes), what);
    return DeviceMemory(p);
}

inline CudaEvent createEvent() {
    cudaEvent_t event = nullptr;
    checkCuda(cudaEventCreate(&event), "cudaEventCreate");
    return CudaEvent(event);
}

inline CudaStream createStream() {
    cudaStream_t stream = nullptr;
    checkCuda(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking), "cudaStreamCreate");
    return CudaStream(stream);
}

// A surface object over a whole CUDA array (level 0 of a mapped texture, or our own array).
inline SurfaceObject createSurface(cudaArray_t array) {
    cudaResourceDesc desc{};
    desc.resType = cudaResourceTypeArray;
    desc.res.array.array = array;
    cudaSurfaceObject_t surface = 0;
    checkCuda(cudaCreateSurfaceObject(&surface, &desc), "cudaCreateSurfaceObject");
    return SurfaceObject(surface);
}

}  // namespace convis::interop
