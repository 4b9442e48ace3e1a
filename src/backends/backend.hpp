// The backend interface: every way of computing a convolution takes the same request and
// produces the same RGBA8 result, and reports whether it can run here and why not.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "core/conv_request.hpp"
#include "core/image.hpp"

namespace convis {

enum class BackendKind { CpuSequential, CpuParallel, Cuda };

struct BackendInfo {
    std::string id;           // stable command-line name, e.g. "cpu-sequential", "cuda-tiled"
    std::string label;        // UI name
    std::string description;  // one sentence: what this variant does differently
    BackendKind kind = BackendKind::CpuSequential;
    bool available = false;
    std::string reason;  // why not available ("built without CUDA", "no CUDA device", ...)
};

// One timed stage of a run. Names in use: "compute" (CPU), "upload", "kernel", "download".
struct StageTime {
    std::string name;
    double milliseconds = 0.0;
};

struct RunResult {
    std::vector<StageTime> stages;
    double totalMilliseconds = 0.0;  // end to end, as the caller experiences it

    double stage(const std::string& name) const {
        for (const StageTime& s : stages) {
            if (s.name == name) {
                return s.milliseconds;
            }
        }
        return 0.0;
    }
};

struct RunOptions {
    int threads = 0;      // CPU parallel: 0 = one per hardware thread
    int blockWidth = 16;  // CUDA: threads per block in x and y (8..32)
    int blockHeight = 16;
    bool pinnedStaging = true;  // CUDA host path: pinned or pageable staging buffers
    bool integerLanes =
        true;  // cuda-fast: integer kernels in packed 16-bit lanes (off: float tile)
    // cuda-fast: small one-group lane kernels streamed through registers (off: the lane tile),
    // with strips of laneStreamRows output rows (0: the default; else 32 or 64).
    bool laneStream = true;
    int laneStreamRows = 0;
    // cuda-fast: rank-1 kernels on the tensor cores where the device has them and the plan's
    // error bound allows (off: the FP32 separable kernel).
    bool tensorCores = true;
    const std::atomic<bool>* cancel = nullptr;      // polled between rows or bands
    std::function<void(double fraction)> progress;  // 0..1, may be called from worker threads
};

class Backend {
  public:
    Backend() = default;
    virtual ~Backend() = default;
    Backend(const Backend&) = delete;
    Backend& operator=(const Backend&) = delete;

    virtual BackendInfo info() const = 0;

    // Filters input into output (resized to match). Throws InputError for a bad request,
    // BackendError when the backend cannot run, Cancelled when options.cancel was set.
    virtual RunResult run(const Image& input, const ConvRequest& request, Image& output,
                          const RunOptions& options) = 0;

    // Kernel-only timings for `convis bench`: `warmup` untimed launches, then `samples` timed
    // ones (milliseconds each), with data already resident where the backend computes (GPU
    // backends time with events and rotate input buffers so the cache does not flatter them).
    // Backends with no separate kernel stage return an empty vector; bench then reports run().
    virtual std::vector<double> timeKernelOnly(const Image& /*input*/,
                                               const ConvRequest& /*request*/,
                                               const RunOptions& /*options*/, int /*warmup*/,
                                               int /*samples*/) {
        return {};
    }
};

}  // namespace convis
