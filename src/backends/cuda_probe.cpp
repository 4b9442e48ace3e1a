// The CUDA availability probe: turns the runtime's first answer into a human reason.
#include "backends/cuda_probe.hpp"

#include <cuda_runtime.h>

namespace convis {

namespace {

std::string versionText(int version) {
    // CUDA encodes versions as 1000 * major + 10 * minor.
    return std::to_string(version / 1000) + "." + std::to_string((version % 1000) / 10);
}

// The oldest compute capability this build carries code for (CMAKE_CUDA_ARCHITECTURES 75+).
constexpr int kOldestSupportedCapability = 75;

}  // namespace

CudaProbe probeCudaDevice() {
    CudaProbe result;
    int count = 0;
    const cudaError_t status = cudaGetDeviceCount(&count);
    if (status == cudaErrorInsufficientDriver) {
        int driver = 0;
        int runtime = 0;
        const bool haveDriverVersion = cudaDriverGetVersion(&driver) == cudaSuccess;
        cudaRuntimeGetVersion(&runtime);
        if (!haveDriverVersion || driver == 0) {
            result.reason = "no NVIDIA driver";
        } else {
            result.reason = "NVIDIA driver older than the CUDA runtime: the driver supports CUDA " +
                            versionText(driver) + ", the runtime needs " + versionText(runtime);
        }
        return result;
    }
    if (status == cudaErrorNoDevice || (status == cudaSuccess && count == 0)) {
        result.reason = "no CUDA device";
        return result;
    }
    if (status != cudaSuccess) {
        result.reason = std::string("CUDA unavailable: ") + cudaGetErrorName(status) + " (" +
                        cudaGetErrorString(status) + ")";
        return result;
    }
    cudaDeviceProp props{};
    const cudaError_t propsStatus = cudaGetDeviceProperties(&props, 0);
    if (propsStatus != cudaSuccess) {
        result.reason = std::string("CUDA device unusable: ") + cudaGetErrorString(propsStatus);
        return result;
    }
    result.deviceName = props.name;
    result.computeMajor = props.major;
    result.computeMinor = props.minor;
    result.multiprocessors = props.multiProcessorCount;
    if (props.major * 10 + props.minor < kOldestSupportedCapability) {
        result.reason = "GPU " + result.deviceName + " has compute capability " +
                        std::to_string(props.major) + "." + std::to_string(props.minor) +
                        ", older than the 7.5 this build supports";
        return result;
    }
    result.available = true;
    return result;
}

}  // namespace convis
