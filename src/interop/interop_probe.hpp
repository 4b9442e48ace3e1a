// The interop probe: can CUDA run here, and is the current GL context on a CUDA device?
#pragma once

#include "interop/cuda_gl_producer.hpp"

namespace convis::interop {

// Needs a current GL context. On success selects the CUDA device the context runs on
// (cudaSetDevice), so that later work and the GL driver share one GPU. Never throws for an
// unavailable machine: that is data, in the returned status.
InteropStatus probeInterop();

// A human reason for a CUDA runtime that cannot start: "no NVIDIA driver", "driver older than
// the CUDA runtime (driver 12.4, runtime 13.0)", "no CUDA device", ...
std::string cudaUnavailableReason(int cudaError);

}  // namespace convis::interop
