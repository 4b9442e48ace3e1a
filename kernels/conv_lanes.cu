// Launcher for the packed-lane integer kernels writing to global memory: picks the compile-time
// kernel width, whether alpha is filtered and whether the lanes need flushing, the column or the
// per-tile kernel, sizes shared memory and the column kernel's grid, checks the launch.
#include <cuda_runtime.h>

#include <algorithm>

#include "conv_lanes_column.cuh"

namespace convis {

namespace {

// Raises the dynamic shared-memory limit (tiles over 48 KiB for tall kernels) and prefers shared
// memory over L1 (the tile loads are not reused through L1), so the blocks the register budget
// allows (6 for narrow kernels) also fit in shared memory.
template <class Kernel>
cudaError_t prepareLanesKernel(Kernel kernel, std::size_t shared) {
    const cudaError_t status = cudaFuncSetAttribute(
        kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, static_cast<int>(shared));
    if (status != cudaSuccess) {
        return status;
    }
    return cudaFuncSetAttribute(kernel, cudaFuncAttributePreferredSharedMemoryCarveout,
                                cudaSharedmemCarveoutMaxShared);
}

// Tiles per block of the column kernel: as many as keep the whole grid resident at once (one
// wave, so no tail of a last partial wave), and at least one.
template <class Kernel>
cudaError_t columnSteps(Kernel kernel, int threads, std::size_t shared, int strips, int tileRows,
                        int& steps) {
    int device = 0;
    cudaError_t status = cudaGetDevice(&device);
    if (status != cudaSuccess) {
        return status;
    }
    int multiprocessors = 0;
    status = cudaDeviceGetAttribute(&multiprocessors, cudaDevAttrMultiProcessorCount, device);
    if (status != cudaSuccess) {
        return status;
    }
    int perMultiprocessor = 0;
    status =
        cudaOccupancyMaxActiveBlocksPerMultiprocessor(&perMultiprocessor, kernel, threads, shared);
    if (status != cudaSuccess) {
        return status;
    }
    const int resident = std::max(1, multiprocessors * perMultiprocessor);
    const int groups = std::clamp(resident / strips, 1, tileRows);
    steps = device::ceilDiv(tileRows, groups);
    return cudaSuccess;
}

template <int KW, bool kAlpha, bool kFlush>
int launchLanesFor(const ConvParams& params, const LaneTaps& taps, const std::uint8_t* d_in,
                   std::uint8_t* d_out, int stepsWanted, int narrowBlocks, CUstream_st* stream) {
    using C = device::LanesConfig<KW, kFlush>;
    const dim3 block(C::kThreadsX, C::kThreadsY);
    const int strips = device::ceilDiv(params.width, C::kOutW);
    const int tileRows = device::ceilDiv(params.height, C::kThreadsY);
    const device::GlobalStore store{d_out, params.outPitch};
    if (stepsWanted < 0) {
        const auto kernel = device::lanesConvKernel<KW, kAlpha, kFlush, device::GlobalStore>;
        const std::size_t shared = C::sharedBytes(params.kernelHeight);
        const cudaError_t status = prepareLanesKernel(kernel, shared);
        if (status != cudaSuccess) {
            return static_cast<int>(status);
        }
        const dim3 grid(static_cast<unsigned>(strips), static_cast<unsigned>(tileRows));
        kernel<<<grid, block, shared, stream>>>(params, taps, d_in, store);
        return static_cast<int>(cudaGetLastError());
    }
    auto kernel = device::lanesColumnKernel<KW, kAlpha, kFlush, 6, device::GlobalStore>;
    if constexpr (C::kMinBlocks == 6) {  // elsewhere the budget does not depend on narrowBlocks
        if (narrowBlocks == 5) {
            kernel = device::lanesColumnKernel<KW, kAlpha, kFlush, 5, device::GlobalStore>;
        }
    }
    const std::size_t shared = device::LanesColumnLayout<C>::sharedBytes(params.kernelHeight);
    cudaError_t status = prepareLanesKernel(kernel, shared);
    int steps = std::min(stepsWanted, tileRows);
    if (status == cudaSuccess && stepsWanted == 0) {
        status = columnSteps(kernel, C::kThreads, shared, strips, tileRows, steps);
    }
    if (status != cudaSuccess) {
        return static_cast<int>(status);
    }
    const dim3 grid(static_cast<unsigned>(strips),
                    static_cast<unsigned>(device::ceilDiv(tileRows, steps)));
    kernel<<<grid, block, shared, stream>>>(params, taps, d_in, store, steps);
    return static_cast<int>(cudaGetLastError());
}

template <bool kAlpha, bool kFlush>
int dispatchLanes(const ConvParams& params, const LaneTaps& taps, const std::uint8_t* d_in,
                  std::uint8_t* d_out, int steps, int narrowBlocks, CUstream_st* stream) {
    static_assert(kMaxLanesWidth == 15, "the cases below list every odd width up to 15");
    switch (params.kernelWidth) {
#define CONVIS_LANES_CASE(k)                                                                     \
    case k:                                                                                      \
        return launchLanesFor<k, kAlpha, kFlush>(params, taps, d_in, d_out, steps, narrowBlocks, \
                                                 stream);
        CONVIS_LANES_CASE(1)
        CONVIS_LANES_CASE(3)
        CONVIS_LANES_CASE(5)
        CONVIS_LANES_CASE(7)
        CONVIS_LANES_CASE(9)
        CONVIS_LANES_CASE(11)
        CONVIS_LANES_CASE(13)
        CONVIS_LANES_CASE(15)
#undef CONVIS_LANES_CASE
        default:
            return static_cast<int>(cudaErrorInvalidValue);
    }
}

template <bool kAlpha>
int dispatchLanesFlush(const ConvParams& params, const LaneTaps& taps, const std::uint8_t* d_in,
                       std::uint8_t* d_out, int steps, int narrowBlocks, CUstream_st* stream) {
    return taps.flushRows != 0u
               ? dispatchLanes<kAlpha, true>(params, taps, d_in, d_out, steps, narrowBlocks, stream)
               : dispatchLanes<kAlpha, false>(params, taps, d_in, d_out, steps, narrowBlocks,
                                              stream);
}

}  // namespace

int launchLanesConv(const ConvParams& params, const LaneTaps& taps, const std::uint8_t* d_in,
                    std::uint8_t* d_out, int columnSteps, int columnBlocks, CUstream_st* stream) {
    return (params.channelMask & 8u) != 0u
               ? dispatchLanesFlush<true>(params, taps, d_in, d_out, columnSteps, columnBlocks,
                                          stream)
               : dispatchLanesFlush<false>(params, taps, d_in, d_out, columnSteps, columnBlocks,
                                           stream);
}

}  // namespace convis
