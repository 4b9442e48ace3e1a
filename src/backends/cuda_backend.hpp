// The CUDA backends: one class, three kernels (naive, tiled, fast), sharing the device probe.
// Host path: pinned (or pageable) staging, upload, kernel, download, each timed with events.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "backends/backend.hpp"
#include "backends/cuda_plan.hpp"
#include "backends/cuda_probe.hpp"
#include "backends/device_buffer.hpp"
#include "backends/gpu_timer.hpp"

namespace convis {

// Launches the plan's kernel on a stream, checked; d_taps (kMaxTaps floats, on the device) is
// read by the naive variant only. Tests call this directly on a poisoned output buffer.
void launchCudaPlan(CudaVariant variant, const CudaLaunchPlan& plan, const DeviceImage& in,
                    const DeviceImage& out, const float* d_taps, cudaStream_t stream);

class CudaBackend final : public Backend {
  public:
    CudaBackend(CudaVariant variant, std::shared_ptr<CudaDeviceState> state);

    BackendInfo info() const override;
    RunResult run(const Image& input, const ConvRequest& request, Image& output,
                  const RunOptions& options) override;
    std::vector<double> timeKernelOnly(const Image& input, const ConvRequest& request,
                                       const RunOptions& options, int warmup, int samples) override;

  private:
    void ensureUsable() const;
    cudaStream_t stream();
    // Runs body; a sticky CUDA error marks every CUDA backend unavailable before rethrowing.
    template <class Body>
    auto guarded(Body&& body) -> decltype(body());

    CudaVariant m_variant;
    std::shared_ptr<CudaDeviceState> m_state;
    // Kept between runs so repeated runs on one image size do not reallocate.
    std::optional<CudaStream> m_stream;
    DeviceImage m_in;
    DeviceImage m_out;
    PinnedBuffer m_stagingIn;
    PinnedBuffer m_stagingOut;
    DeviceArray<float> m_taps;
};

}  // namespace convis
