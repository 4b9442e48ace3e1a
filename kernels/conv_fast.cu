// Launchers for the tuned kernels writing to global memory: picks the compile-time kernel width
// (and whether alpha is filtered) for the request, sizes shared memory, checks the launch.
#include <cuda_runtime.h>

#include "conv_fast.cuh"
#include "conv_separable.cuh"
#include "kernel_launch.cuh"

namespace convis {

namespace {

template <int KW, bool kAlpha>
int launchFastFor(const ConvParams& params, const TapTable& taps, const std::uint8_t* d_in,
                  std::uint8_t* d_out, CUstream_st* stream) {
    using C = device::FastConfig<KW>;
    const dim3 block(C::kThreadsX, C::kThreadsY);
    const dim3 grid(static_cast<unsigned>(device::ceilDiv(params.width, C::kOutW)),
                    static_cast<unsigned>(device::ceilDiv(params.height, C::kThreadsY)));
    return device::launchWithSharedMemory(device::fastConvKernel<KW, kAlpha, device::GlobalStore>,
                                          grid, block, C::sharedBytes(params.kernelHeight), stream,
                                          params, taps, d_in,
                                          device::GlobalStore{d_out, params.outPitch});
}

template <int K, bool kAlpha>
int launchSeparableFor(const ConvParams& params, const SeparableTaps& taps, int stripRows,
                       const std::uint8_t* d_in, std::uint8_t* d_out, CUstream_st* stream) {
    using C = device::SeparableConfig<K>;
    const dim3 block(C::kThreads);  // one dimension: threadIdx.x = part * kStripW + column
    const dim3 grid(static_cast<unsigned>(device::ceilDiv(params.width, C::kStripW)),
                    static_cast<unsigned>(device::ceilDiv(params.height, stripRows)));
    return device::launchWithSharedMemory(
        device::fastSeparableKernel<K, kAlpha, device::GlobalStore>, grid, block, C::sharedBytes(),
        stream, params, taps, stripRows, d_in, device::GlobalStore{d_out, params.outPitch});
}

// Blocks of the four-channel instantiation the device holds (the alpha-free one uses the same
// shared memory and no more registers); 0 on any error.
template <int K>
int residentSeparableBlocksFor() {
    using C = device::SeparableConfig<K>;
    return device::residentBlocks(device::fastSeparableKernel<K, true, device::GlobalStore>,
                                  C::kThreads, C::sharedBytes());
}

template <bool kAlpha>
int dispatchFast(const ConvParams& params, const TapTable& taps, const std::uint8_t* d_in,
                 std::uint8_t* d_out, CUstream_st* stream) {
    switch (params.kernelWidth) {
#define CONVIS_FAST_CASE(k) \
    case k:                 \
        return launchFastFor<k, kAlpha>(params, taps, d_in, d_out, stream);
        CONVIS_ODD_WIDTHS(CONVIS_FAST_CASE)
#undef CONVIS_FAST_CASE
        default:
            return static_cast<int>(cudaErrorInvalidValue);
    }
}

template <bool kAlpha>
int dispatchSeparable(const ConvParams& params, const SeparableTaps& taps, int stripRows,
                      const std::uint8_t* d_in, std::uint8_t* d_out, CUstream_st* stream) {
    switch (taps.length) {
#define CONVIS_SEPARABLE_CASE(k) \
    case k:                      \
        return launchSeparableFor<k, kAlpha>(params, taps, stripRows, d_in, d_out, stream);
        CONVIS_ODD_WIDTHS(CONVIS_SEPARABLE_CASE)
#undef CONVIS_SEPARABLE_CASE
        default:
            return static_cast<int>(cudaErrorInvalidValue);
    }
}

}  // namespace

int launchFastConv(const ConvParams& params, const TapTable& taps, const std::uint8_t* d_in,
                   std::uint8_t* d_out, CUstream_st* stream) {
    return (params.channelMask & 8u) != 0u ? dispatchFast<true>(params, taps, d_in, d_out, stream)
                                           : dispatchFast<false>(params, taps, d_in, d_out, stream);
}

int launchFastSeparableConv(const ConvParams& params, const SeparableTaps& taps, int stripRows,
                            const std::uint8_t* d_in, std::uint8_t* d_out, CUstream_st* stream) {
    if (stripRows < 8 || stripRows % 8 != 0) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    return (params.channelMask & 8u) != 0u
               ? dispatchSeparable<true>(params, taps, stripRows, d_in, d_out, stream)
               : dispatchSeparable<false>(params, taps, stripRows, d_in, d_out, stream);
}

int separableResidentBlocks(int length) {
    switch (length) {
#define CONVIS_RESIDENT_CASE(k) \
    case k:                     \
        return residentSeparableBlocksFor<k>();
        CONVIS_ODD_WIDTHS(CONVIS_RESIDENT_CASE)
#undef CONVIS_RESIDENT_CASE
        default:
            return 0;
    }
}

}  // namespace convis
