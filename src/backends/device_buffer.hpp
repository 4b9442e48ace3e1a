// RAII owners for CUDA memory: a pitched device image, a plain device array, a pinned host
// buffer. Each frees what it allocated exactly once, including when a later step throws.
#pragma once

#include <cuda_runtime.h>

#include <cstddef>
#include <cstdint>
#include <utility>

#include "backends/cuda_check.hpp"

namespace convis {

// Device RGBA8 image whose rows start on the device's pitch alignment (at least 16 bytes), so
// 16-byte vector loads and stores are legal at every 4th pixel of any width.
class DeviceImage {
  public:
    DeviceImage() = default;
    DeviceImage(int width, int height) : m_width(width), m_height(height) {
        void* ptr = nullptr;
        CONVIS_CUDA_CHECK(cudaMallocPitch(&ptr, &m_pitch, static_cast<std::size_t>(width) * 4,
                                          static_cast<std::size_t>(height)));
        m_data = static_cast<std::uint8_t*>(ptr);
    }
    ~DeviceImage() { release(); }
    DeviceImage(const DeviceImage&) = delete;
    DeviceImage& operator=(const DeviceImage&) = delete;
    DeviceImage(DeviceImage&& other) noexcept { swap(other); }
    DeviceImage& operator=(DeviceImage&& other) noexcept {
        if (this != &other) {
            release();
            swap(other);
        }
        return *this;
    }

    std::uint8_t* data() const { return m_data; }
    std::size_t pitch() const { return m_pitch; }
    int width() const { return m_width; }
    int height() const { return m_height; }
    std::size_t rowBytes() const { return static_cast<std::size_t>(m_width) * 4; }
    bool matches(int width, int height) const {
        return m_data != nullptr && m_width == width && m_height == height;
    }

  private:
    void release() {
        if (m_data != nullptr) {
            cudaFree(m_data);  // nothing useful to do with a failure while releasing
            m_data = nullptr;
        }
    }
    void swap(DeviceImage& other) noexcept {
        std::swap(m_data, other.m_data);
        std::swap(m_pitch, other.m_pitch);
        std::swap(m_width, other.m_width);
        std::swap(m_height, other.m_height);
    }

    std::uint8_t* m_data = nullptr;
    std::size_t m_pitch = 0;
    int m_width = 0;
    int m_height = 0;
};

// A device array of trivially copyable T.
template <class T>
class DeviceArray {
  public:
    DeviceArray() = default;
    explicit DeviceArray(std::size_t count) : m_count(count) {
        void* ptr = nullptr;
        CONVIS_CUDA_CHECK(cudaMalloc(&ptr, count * sizeof(T)));
        m_data = static_cast<T*>(ptr);
    }
    ~DeviceArray() {
        if (m_data != nullptr) {
            cudaFree(m_data);
        }
    }
    DeviceArray(const DeviceArray&) = delete;
    DeviceArray& operator=(const DeviceArray&) = delete;
    DeviceArray(DeviceArray&& other) noexcept
        : m_data(std::exchange(other.m_data, nullptr)), m_count(std::exchange(other.m_count, 0)) {}
    DeviceArray& operator=(DeviceArray&& other) noexcept {
        if (this != &other) {
            if (m_data != nullptr) {
                cudaFree(m_data);
            }
            m_data = std::exchange(other.m_data, nullptr);
            m_count = std::exchange(other.m_count, 0);
        }
        return *this;
    }

    T* data() const { return m_data; }
    std::size_t size() const { return m_count; }

  private:
    T* m_data = nullptr;
    std::size_t m_count = 0;
};

// Page-locked host memory: the DMA engine reads and writes it directly, so transfers run at
// full PCIe speed and can be asynchronous on a stream.
class PinnedBuffer {
  public:
    PinnedBuffer() = default;
    explicit PinnedBuffer(std::size_t bytes) : m_bytes(bytes) {
        void* ptr = nullptr;
        CONVIS_CUDA_CHECK(cudaMallocHost(&ptr, bytes));
        m_data = static_cast<std::uint8_t*>(ptr);
    }
    ~PinnedBuffer() {
        if (m_data != nullptr) {
            cudaFreeHost(m_data);
        }
    }
    PinnedBuffer(const PinnedBuffer&) = delete;
    PinnedBuffer& operator=(const PinnedBuffer&) = delete;
    PinnedBuffer(PinnedBuffer&& other) noexcept
        : m_data(std::exchange(other.m_data, nullptr)), m_bytes(std::exchange(other.m_bytes, 0)) {}
    PinnedBuffer& operator=(PinnedBuffer&& other) noexcept {
        if (this != &other) {
            if (m_data != nullptr) {
                cudaFreeHost(m_data);
            }
            m_data = std::exchange(other.m_data, nullptr);
            m_bytes = std::exchange(other.m_bytes, 0);
        }
        return *this;
    }

    std::uint8_t* data() const { return m_data; }
    std::size_t size() const { return m_bytes; }

  private:
    std::uint8_t* m_data = nullptr;
    std::size_t m_bytes = 0;
};

}  // namespace convis
