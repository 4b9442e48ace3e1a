// Launch glue shared by the .cu launchers: the odd kernel widths as compile-time switch cases,
// and a checked launch whose dynamic shared memory may exceed the 48 KiB default.
#pragma once

#include <cuda_runtime.h>

#include <cstddef>
#include <utility>

// Every odd kernel width up to 15 (the packed-lane kernel's limit) and up to 31 (kMaxTapSide),
// as X(width) for switch statements that pick a compile-time width.
#define CONVIS_ODD_WIDTHS_TO_15(X) X(1) X(3) X(5) X(7) X(9) X(11) X(13) X(15)
#define CONVIS_ODD_WIDTHS(X) \
    CONVIS_ODD_WIDTHS_TO_15(X) X(17) X(19) X(21) X(23) X(25) X(27) X(29) X(31)

namespace convis::device {

// Raises the kernel's dynamic shared-memory limit to `shared` (tiles over 48 KiB need it), then
// launches it; returns the first error as an int (a cudaError_t), 0 when the launch went out.
template <typename... Params, typename... Args>
int launchWithSharedMemory(void (*kernel)(Params...), dim3 grid, dim3 block, std::size_t shared,
                           cudaStream_t stream, Args&&... args) {
    const cudaError_t status = cudaFuncSetAttribute(
        kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, static_cast<int>(shared));
    if (status != cudaSuccess) {
        return static_cast<int>(status);
    }
    kernel<<<grid, block, shared, stream>>>(std::forward<Args>(args)...);
    return static_cast<int>(cudaGetLastError());
}

// Blocks of `kernel` the current device holds at once (blocks per multiprocessor for `threads`
// threads and `shared` bytes of dynamic shared memory, times the multiprocessors); 0 on any
// error, which is an answer here, not a pending error.
template <typename... Params>
int residentBlocks(void (*kernel)(Params...), int threads, std::size_t shared) {
    int deviceId = 0;
    int multiprocessors = 0;
    int perMultiprocessor = 0;
    if (cudaGetDevice(&deviceId) != cudaSuccess ||
        cudaDeviceGetAttribute(&multiprocessors, cudaDevAttrMultiProcessorCount, deviceId) !=
            cudaSuccess ||
        cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize,
                             static_cast<int>(shared)) != cudaSuccess ||
        cudaOccupancyMaxActiveBlocksPerMultiprocessor(&perMultiprocessor, kernel, threads,
                                                      shared) != cudaSuccess) {
        cudaGetLastError();
        return 0;
    }
    return multiprocessors * perMultiprocessor;
}

// The same for a tensor-core kernel (no dynamic shared memory), and 0 where the code the device
// would run has no tensor-core products (built for or JIT-compiled to an architecture below 8.0).
template <typename... Params>
int residentTensorBlocks(void (*kernel)(Params...), int threads) {
    cudaFuncAttributes attributes{};
    if (cudaFuncGetAttributes(&attributes, kernel) != cudaSuccess) {
        cudaGetLastError();
        return 0;
    }
    if (attributes.binaryVersion < 80 || attributes.ptxVersion < 80) {
        return 0;
    }
    return residentBlocks(kernel, threads, 0);
}

}  // namespace convis::device
