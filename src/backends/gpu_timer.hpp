// RAII CUDA stream and event owners, and a timer that brackets work on a stream with two events.
#pragma once

#include <cuda_runtime.h>

#include <utility>

#include "backends/cuda_check.hpp"

namespace convis {

class CudaStream {
  public:
    CudaStream() { CONVIS_CUDA_CHECK(cudaStreamCreateWithFlags(&m_stream, cudaStreamNonBlocking)); }
    ~CudaStream() {
        if (m_stream != nullptr) {
            cudaStreamDestroy(m_stream);
        }
    }
    CudaStream(const CudaStream&) = delete;
    CudaStream& operator=(const CudaStream&) = delete;
    CudaStream(CudaStream&& other) noexcept : m_stream(std::exchange(other.m_stream, nullptr)) {}
    CudaStream& operator=(CudaStream&&) = delete;

    cudaStream_t get() const { return m_stream; }
    void synchronize() const { CONVIS_CUDA_CHECK(cudaStreamSynchronize(m_stream)); }

  private:
    cudaStream_t m_stream = nullptr;
};

class CudaEvent {
  public:
    CudaEvent() { CONVIS_CUDA_CHECK(cudaEventCreate(&m_event)); }
    ~CudaEvent() {
        if (m_event != nullptr) {
            cudaEventDestroy(m_event);
        }
    }
    CudaEvent(const CudaEvent&) = delete;
    CudaEvent& operator=(const CudaEvent&) = delete;
    CudaEvent(CudaEvent&& other) noexcept : m_event(std::exchange(other.m_event, nullptr)) {}
    CudaEvent& operator=(CudaEvent&&) = delete;

    cudaEvent_t get() const { return m_event; }
    void record(cudaStream_t stream) const { CONVIS_CUDA_CHECK(cudaEventRecord(m_event, stream)); }

  private:
    cudaEvent_t m_event = nullptr;
};

// Milliseconds between two recorded events; both must have completed (synchronise first).
inline double elapsedMilliseconds(const CudaEvent& start, const CudaEvent& stop) {
    float ms = 0.0f;
    CONVIS_CUDA_CHECK(cudaEventElapsedTime(&ms, start.get(), stop.get()));
    return static_cast<double>(ms);
}

// One timed stage: start() and stop() record events on the work's stream.
class GpuTimer {
  public:
    void start(cudaStream_t stream) const { m_start.record(stream); }
    void stop(cudaStream_t stream) const { m_stop.record(stream); }
    double milliseconds() const { return elapsedMilliseconds(m_start, m_stop); }

  private:
    CudaEvent m_start;
    CudaEvent m_stop;
};

}  // namespace convis
