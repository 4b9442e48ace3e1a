// Checked CUDA calls: a failing call throws CudaError (a BackendError) carrying the CUDA error
// string, the call and where it was made. Never exits the process.
#pragma once

#include <cuda_runtime.h>

#include <string>

#include "core/error.hpp"

namespace convis {

class CudaError : public BackendError {
  public:
    CudaError(cudaError_t code, const std::string& what) : BackendError(what), m_code(code) {}
    cudaError_t code() const { return m_code; }
    // A sticky error leaves the CUDA context unusable for the rest of the process.
    bool sticky() const { return isSticky(m_code); }

    static bool isSticky(cudaError_t code) {
        switch (code) {
            case cudaErrorIllegalAddress:
            case cudaErrorLaunchFailure:
            case cudaErrorHardwareStackError:
            case cudaErrorIllegalInstruction:
            case cudaErrorMisalignedAddress:
            case cudaErrorInvalidAddressSpace:
            case cudaErrorInvalidPc:
            case cudaErrorAssert:
            case cudaErrorLaunchTimeout:
            case cudaErrorECCUncorrectable:
            case cudaErrorContextIsDestroyed:
                return true;
            default:
                return false;
        }
    }

  private:
    cudaError_t m_code;
};

// Out of device memory reads better as a sentence of its own than as the enum's text.
inline std::string describeCudaError(cudaError_t code) {
    if (code == cudaErrorMemoryAllocation) {
        return "out of GPU memory";
    }
    return std::string(cudaGetErrorName(code)) + ": " + cudaGetErrorString(code);
}

inline void checkCuda(cudaError_t code, const char* call, const char* file, int line) {
    if (code != cudaSuccess) {
        throw CudaError(code, "CUDA error (" + describeCudaError(code) + ") in " + call + " at " +
                                  file + ":" + std::to_string(line));
    }
}

}  // namespace convis

// Wraps a CUDA runtime call, or a launcher's returned status (an int holding a cudaError_t).
#define CONVIS_CUDA_CHECK(call) \
    ::convis::checkCuda(static_cast<cudaError_t>(call), #call, __FILE__, __LINE__)
