// Compiled when convis is built without CUDA: the measured replay reports why it cannot run.
#include "backends/cuda_trace.hpp"
#include "core/error.hpp"

namespace convis {

TraceAvailability cudaTraceAvailability() {
    return {false, "built without CUDA"};
}

TracedLaunch runTracedConvolution(const Image&, const ConvRequest&, const RunOptions&) {
    throw BackendError("the GPU trace cannot run: built without CUDA");
}

}  // namespace convis
