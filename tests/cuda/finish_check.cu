// Device side of the post-op equivalence check: both functions evaluated on the GPU, where the
// kernels run, over exact integer sums (every rounding tie a divisor can produce) and random
// floats.
#include <cuda_runtime.h>

#include "backends/cuda_check.hpp"
#include "conv_common.cuh"
#include "finish_check.hpp"

namespace convis::test {

namespace {

constexpr int kIntegerRange = 300000;
constexpr unsigned kRandomCount = 1u << 24;

struct DeviceResult {
    unsigned long long compared;
    unsigned long long mismatches;
    unsigned firstIndex;
    float firstSum;
    int firstExpected;
    int firstActual;
};

__device__ float sumFor(unsigned i) {
    const unsigned integers = 2u * kIntegerRange + 1u;
    if (i < integers) {
        return static_cast<float>(static_cast<int>(i) - kIntegerRange);
    }
    // A hashed bit pattern, kept finite, spread over every exponent a sum can have.
    unsigned h = (i - integers) * 2654435761u;
    h ^= h >> 15;
    h *= 2246822519u;
    h ^= h >> 13;
    const float f = __uint_as_float(h);
    return isfinite(f) ? f : static_cast<float>(h % 1000u) * 0.4999999f;
}

__global__ void finishCheckKernel(ConvParams p, unsigned count, DeviceResult* result) {
    for (unsigned i = blockIdx.x * blockDim.x + threadIdx.x; i < count;
         i += gridDim.x * blockDim.x) {
        const float sum = sumFor(i);
        const int expected = finishValue(sum, p.divisor, p.offset, p.absolute);
        const int actual = static_cast<int>(device::finishChannelBits(sum, p) & 0xFFu);
        atomicAdd(&result->compared, 1ull);
        if (expected != actual) {
            atomicAdd(&result->mismatches, 1ull);
            if (atomicMin(&result->firstIndex, i) > i) {
                result->firstSum = sum;
                result->firstExpected = expected;
                result->firstActual = actual;
            }
        }
    }
}

// Every integer sum in [-(2^24 - 1), 2^24 - 1] (all an integer-tap kernel can produce) through
// the integer post-op; counts per thread, one atomic each, to keep 33 M comparisons fast.
__global__ void integerFinishCheckKernel(ConvParams p, DeviceResult* result) {
    constexpr int kLimit = (1 << 24) - 1;
    unsigned long long compared = 0;
    unsigned long long mismatches = 0;
    const int stride = static_cast<int>(gridDim.x * blockDim.x);
    for (int s = -kLimit + static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x); s <= kLimit;
         s += stride) {
        const float sum = static_cast<float>(s);
        const int expected = finishValue(sum, p.divisor, p.offset, p.absolute);
        const int actual = static_cast<int>(device::finishIntegerBits(sum, p) & 0xFFu);
        ++compared;
        if (expected != actual) {
            ++mismatches;
            const unsigned index = static_cast<unsigned>(s + kLimit);
            if (atomicMin(&result->firstIndex, index) > index) {
                result->firstSum = sum;
                result->firstExpected = expected;
                result->firstActual = actual;
            }
        }
    }
    atomicAdd(&result->compared, compared);
    if (mismatches != 0) {
        atomicAdd(&result->mismatches, mismatches);
    }
}

template <class Launch>
FinishCheck runCheck(const ConvParams& p, Launch launch) {
    DeviceResult* d_result = nullptr;
    CONVIS_CUDA_CHECK(cudaMalloc(&d_result, sizeof(DeviceResult)));
    DeviceResult h{};
    h.firstIndex = 0xFFFFFFFFu;
    const cudaError_t upload = cudaMemcpy(d_result, &h, sizeof(h), cudaMemcpyHostToDevice);
    if (upload == cudaSuccess) {
        launch(p, d_result);
    }
    const cudaError_t launched = upload == cudaSuccess ? cudaGetLastError() : upload;
    const cudaError_t copy =
        cudaMemcpy(&h, d_result, sizeof(h), cudaMemcpyDeviceToHost);  // waits for the kernel
    cudaFree(d_result);
    CONVIS_CUDA_CHECK(launched);
    CONVIS_CUDA_CHECK(copy);
    return {h.compared, h.mismatches, h.firstSum, h.firstExpected, h.firstActual};
}

}  // namespace

bool runIntegerFinishCheck(float divisor, float offset, bool absolute, FinishCheck& out) {
    ConvParams p;
    p.divisor = divisor;
    p.offset = offset;
    p.absolute = absolute;
    configureIntegerFinish(p, true, 1.0);
    if (!p.integerFinish) {
        return false;
    }
    out = runCheck(p, [](const ConvParams& params, DeviceResult* d_result) {
        integerFinishCheckKernel<<<1056, 256>>>(params, d_result);
    });
    return true;
}

FinishCheck runFinishCheck(float divisor, float offset, bool absolute) {
    ConvParams p;
    p.divisor = divisor;
    p.reciprocal = exactReciprocal(divisor);
    p.offset = offset;
    p.absolute = absolute;
    DeviceResult* d_result = nullptr;
    CONVIS_CUDA_CHECK(cudaMalloc(&d_result, sizeof(DeviceResult)));
    DeviceResult h{};
    h.firstIndex = 0xFFFFFFFFu;
    CONVIS_CUDA_CHECK(cudaMemcpy(d_result, &h, sizeof(h), cudaMemcpyHostToDevice));
    const unsigned count = 2u * kIntegerRange + 1u + kRandomCount;
    finishCheckKernel<<<1024, 256>>>(p, count, d_result);
    const cudaError_t launch = cudaGetLastError();
    const cudaError_t copy =
        cudaMemcpy(&h, d_result, sizeof(h), cudaMemcpyDeviceToHost);  // waits for the kernel
    cudaFree(d_result);
    CONVIS_CUDA_CHECK(launch);
    CONVIS_CUDA_CHECK(copy);
    return {h.compared, h.mismatches, h.firstSum, h.firstExpected, h.firstActual};
}

}  // namespace convis::test
