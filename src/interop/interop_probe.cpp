// The interop probe: CUDA runtime first (driver, devices), then cudaGLGetDevices on the
// current context, which answers "which CUDA devices render this context" (none, or an error,
// for Mesa, remote X, WSL2 or the integrated GPU of a hybrid laptop).
#include "interop/interop_probe.hpp"

#include <string>

#include "interop/cuda_gl_includes.hpp"

namespace convis::interop {

namespace {

std::string versionText(int version) {
    return std::to_string(version / 1000) + "." + std::to_string(version % 1000 / 10);
}

std::string glString(GLenum name) {
    const GLubyte* text = glGetString(name);
    if (text == nullptr) {
        static_cast<void>(glGetError());  // clear the error glGetString raised
        return {};
    }
    return std::string(reinterpret_cast<const char*>(text));
}

}  // namespace

std::string cudaUnavailableReason(int cudaError) {
    const auto code = static_cast<cudaError_t>(cudaError);
    if (code == cudaErrorInsufficientDriver) {
        int driver = 0;
        if (cudaDriverGetVersion(&driver) != cudaSuccess || driver == 0) {
            return "no NVIDIA driver";
        }
        int runtime = 0;
        static_cast<void>(cudaRuntimeGetVersion(&runtime));
        return "driver older than the CUDA runtime (driver " + versionText(driver) + ", runtime " +
               versionText(runtime) + ")";
    }
    if (code == cudaErrorNoDevice) {
        return "no CUDA device";
    }
    if (code == cudaErrorNoKernelImageForDevice || code == cudaErrorUnsupportedPtxVersion) {
        return "the CUDA device is not supported by this build";
    }
    return std::string("CUDA unavailable: ") + cudaGetErrorName(code) + " (" +
           cudaGetErrorString(code) + ")";
}

InteropStatus probeInterop() {
    InteropStatus status;
    status.probed = true;
    status.renderer = glString(GL_RENDERER);
    const std::string vendor = glString(GL_VENDOR);

    int count = 0;
    const cudaError_t countResult = cudaGetDeviceCount(&count);
    if (countResult != cudaSuccess || count == 0) {
        static_cast<void>(cudaGetLastError());
        status.reason =
            cudaUnavailableReason(countResult != cudaSuccess ? countResult : cudaErrorNoDevice);
        return status;
    }
    status.cudaAvailable = true;

    if (status.renderer.empty()) {
        status.reason = "interop unavailable: no current GL context";
        return status;
    }
    unsigned int glDeviceCount = 0;
    int glDevices[8] = {};
    const cudaError_t glResult =
        cudaGLGetDevices(&glDeviceCount, glDevices, 8, cudaGLDeviceListAll);
    static_cast<void>(cudaGetLastError());  // the failure is data here, not a sticky state
    if (glResult != cudaSuccess || glDeviceCount == 0) {
        if (glResult == cudaSuccess) {
            status.reason =
                "interop unavailable: no CUDA device renders this GL context "
                "(renderer: " +
                status.renderer + ")";
        } else if (vendor.find("NVIDIA") == std::string::npos) {
            status.reason = "interop unavailable: GL context is not on an NVIDIA GPU (renderer: " +
                            status.renderer + ")";
        } else {
            status.reason = std::string("interop unavailable: cudaGLGetDevices failed: ") +
                            cudaGetErrorName(glResult) + " (renderer: " + status.renderer + ")";
        }
        return status;
    }
    const cudaError_t setResult = cudaSetDevice(glDevices[0]);
    if (setResult != cudaSuccess) {
        static_cast<void>(cudaGetLastError());
        status.reason = std::string("interop unavailable: cudaSetDevice failed: ") +
                        cudaGetErrorName(setResult);
        return status;
    }
    status.interopAvailable = true;
    return status;
}

}  // namespace convis::interop
