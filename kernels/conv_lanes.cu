// Launcher for the packed-lane integer kernel writing to global memory: picks the compile-time
// kernel width, whether alpha is filtered and whether the lanes need flushing, sizes shared
// memory, checks the launch.
#include <cuda_runtime.h>

#include "conv_lanes.cuh"
#include "kernel_launch.cuh"

namespace convis {

namespace {

template <int KW, bool kAlpha, bool kFlush>
int launchLanesFor(const ConvParams& params, const LaneTaps& taps, const std::uint8_t* d_in,
                   std::uint8_t* d_out, CUstream_st* stream) {
    using C = device::LanesConfig<KW, kFlush>;
    const auto kernel = device::lanesConvKernel<KW, kAlpha, kFlush, device::GlobalStore>;
    // Prefer shared memory over L1 (the tile loads are not reused through L1), so the blocks the
    // register budget allows (6 for narrow kernels) also fit in shared memory.
    const cudaError_t status = cudaFuncSetAttribute(
        kernel, cudaFuncAttributePreferredSharedMemoryCarveout, cudaSharedmemCarveoutMaxShared);
    if (status != cudaSuccess) {
        return static_cast<int>(status);
    }
    const dim3 block(C::kThreadsX, C::kThreadsY);
    const dim3 grid(static_cast<unsigned>(device::ceilDiv(params.width, C::kOutW)),
                    static_cast<unsigned>(device::ceilDiv(params.height, C::kThreadsY)));
    return device::launchWithSharedMemory(kernel, grid, block, C::sharedBytes(params.kernelHeight),
                                          stream, params, taps, d_in,
                                          device::GlobalStore{d_out, params.outPitch});
}

template <bool kAlpha, bool kFlush>
int dispatchLanes(const ConvParams& params, const LaneTaps& taps, const std::uint8_t* d_in,
                  std::uint8_t* d_out, CUstream_st* stream) {
    static_assert(kMaxLanesWidth == 15, "the cases below list every odd width up to 15");
    switch (params.kernelWidth) {
#define CONVIS_LANES_CASE(k) \
    case k:                  \
        return launchLanesFor<k, kAlpha, kFlush>(params, taps, d_in, d_out, stream);
        CONVIS_ODD_WIDTHS_TO_15(CONVIS_LANES_CASE)
#undef CONVIS_LANES_CASE
        default:
            return static_cast<int>(cudaErrorInvalidValue);
    }
}

template <bool kAlpha>
int dispatchLanesFlush(const ConvParams& params, const LaneTaps& taps, const std::uint8_t* d_in,
                       std::uint8_t* d_out, CUstream_st* stream) {
    return taps.flushRows != 0u ? dispatchLanes<kAlpha, true>(params, taps, d_in, d_out, stream)
                                : dispatchLanes<kAlpha, false>(params, taps, d_in, d_out, stream);
}

}  // namespace

int launchLanesConv(const ConvParams& params, const LaneTaps& taps, const std::uint8_t* d_in,
                    std::uint8_t* d_out, CUstream_st* stream) {
    return (params.channelMask & 8u) != 0u
               ? dispatchLanesFlush<true>(params, taps, d_in, d_out, stream)
               : dispatchLanesFlush<false>(params, taps, d_in, d_out, stream);
}

}  // namespace convis
