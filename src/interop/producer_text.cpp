// The parts of CudaGlProducer that need neither CUDA nor GL: kernel ids and the badge text.
// Compiled with and without CUDA, so the wording is the same in both builds.
#include "interop/producer_text.hpp"
#include "interop/cuda_gl_producer.hpp"

namespace convis {

const char* surfaceKernelId(SurfaceKernel kernel) {
    switch (kernel) {
        case SurfaceKernel::Naive:
            return "cuda-naive";
        case SurfaceKernel::Tiled:
            return "cuda-tiled";
        case SurfaceKernel::Fast:
            return "cuda-fast";
    }
    return "cuda-?";
}

std::string interop::badgeText(const InteropStatus& status, bool interopAllowed) {
    if (!status.probed) {
        return "CUDA output not probed yet";
    }
    if (!status.cudaAvailable) {
        return "CUDA unavailable: " + status.reason;
    }
    if (status.interopAvailable && interopAllowed) {
        return "CUDA -> GL interop on";
    }
    if (status.interopAvailable) {
        return "interop switched off; using device->host->texture copy";
    }
    return status.reason + "; using device->host->texture copy";
}

}  // namespace convis
