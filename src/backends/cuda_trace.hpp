// The measured GPU timeline: one traced launch of the convolution over the whole image, and per
// block the SM it ran on and when. Built without CUDA (or with no device) it says why instead.
#pragma once

#include <string>
#include <vector>

#include "backends/backend.hpp"
#include "core/execution_schedule.hpp"
#include "core/image.hpp"

namespace convis {

struct TracedLaunch {
    std::vector<BlockRecord> blocks;  // one per block of the grid, in launch order
    LaunchShape launch;
    GpuModel gpu;            // the real device: name, SMs, occupancy of the traced kernel
    double elapsedNs = 0.0;  // first block start to last block end, on the GPU's timer
    Image output;            // the traced launch's result (the naive kernel's maths)
};

// Whether a trace can run here; `reason` says why not ("built without CUDA", "no NVIDIA
// driver", ...).
struct TraceAvailability {
    bool available = false;
    std::string reason;
};
TraceAvailability cudaTraceAvailability();

// Runs the traced kernel once (after one untimed warm-up launch) with options' block size.
// Throws BackendError when CUDA is unavailable or the trace is incomplete, InputError for a bad
// request or block size.
TracedLaunch runTracedConvolution(const Image& input, const ConvRequest& request,
                                  const RunOptions& options);

}  // namespace convis
