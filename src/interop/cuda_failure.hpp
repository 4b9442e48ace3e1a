// Typed failures inside convis_interop: a CUDA call or a GL call that did not succeed, with
// the call named, so the producer can decide between falling back and disabling CUDA.
#pragma once

#include <cuda_runtime_api.h>

#include <stdexcept>
#include <string>

namespace convis::interop {

class CudaFailure : public std::runtime_error {
  public:
    CudaFailure(const std::string& what, cudaError_t code)
        : std::runtime_error(what + ": " + cudaGetErrorName(code) + " (" +
                             cudaGetErrorString(code) + ")"),
          m_code(code) {}
    cudaError_t code() const { return m_code; }

  private:
    cudaError_t m_code;
};

class GlFailure : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

inline void checkCuda(cudaError_t code, const char* what) {
    if (code != cudaSuccess) {
        throw CudaFailure(what, code);
    }
}

}  // namespace convis::interop
