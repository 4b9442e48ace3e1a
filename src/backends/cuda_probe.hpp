// Whether CUDA can run here, and if not, a sentence a user understands. Also the shared,
// mutable availability of the CUDA backends: a sticky error at run time marks them all broken.
#pragma once

#include <mutex>
#include <string>

namespace convis {

struct CudaProbe {
    bool available = false;
    std::string reason;      // empty when available
    std::string deviceName;  // e.g. "NVIDIA H200"
    int computeMajor = 0;
    int computeMinor = 0;
    int multiprocessors = 0;
};

// Asks the CUDA runtime for a device and explains a failure: no driver, driver older than the
// runtime, no device, a device older than this build supports, or the runtime's own message.
CudaProbe probeCudaDevice();

// Shared by the three CUDA backends (one object, owned by them together).
class CudaDeviceState {
  public:
    explicit CudaDeviceState(CudaProbe probe) : m_probe(std::move(probe)) {}

    const CudaProbe& probe() const { return m_probe; }
    bool available() const {
        std::lock_guard lock(m_mutex);
        return m_probe.available && m_broken.empty();
    }
    std::string reason() const {
        std::lock_guard lock(m_mutex);
        return m_broken.empty() ? m_probe.reason : m_broken;
    }
    // After a sticky error the CUDA context is unusable until the process ends.
    void markBroken(const std::string& why) {
        std::lock_guard lock(m_mutex);
        if (m_broken.empty()) {
            m_broken = "CUDA failed and needs a restart of convis: " + why;
        }
    }

  private:
    CudaProbe m_probe;
    mutable std::mutex m_mutex;
    std::string m_broken;
};

}  // namespace convis
