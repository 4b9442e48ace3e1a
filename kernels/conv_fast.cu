// Launchers for the tuned kernels writing to global memory: picks the compile-time kernel width
// (and whether alpha is filtered) for the request, sizes shared memory, checks the launch.
#include <cuda_runtime.h>

#include "conv_fast.cuh"
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
int launchSeparableFor(const ConvParams& params, const SeparableTaps& taps,
                       const std::uint8_t* d_in, std::uint8_t* d_out, CUstream_st* stream) {
    using C = device::SeparableConfig<K>;
    const dim3 block(C::kThreadsX, C::kThreadsY);
    const dim3 grid(static_cast<unsigned>(device::ceilDiv(params.width, C::kOutW)),
                    static_cast<unsigned>(device::ceilDiv(params.height, C::kOutH)));
    return device::launchWithSharedMemory(
        device::fastSeparableKernel<K, kAlpha, device::GlobalStore>, grid, block, C::sharedBytes(),
        stream, params, taps, d_in, device::GlobalStore{d_out, params.outPitch});
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
int dispatchSeparable(const ConvParams& params, const SeparableTaps& taps, const std::uint8_t* d_in,
                      std::uint8_t* d_out, CUstream_st* stream) {
    switch (taps.length) {
#define CONVIS_SEPARABLE_CASE(k) \
    case k:                      \
        return launchSeparableFor<k, kAlpha>(params, taps, d_in, d_out, stream);
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

int launchFastSeparableConv(const ConvParams& params, const SeparableTaps& taps,
                            const std::uint8_t* d_in, std::uint8_t* d_out, CUstream_st* stream) {
    return (params.channelMask & 8u) != 0u
               ? dispatchSeparable<true>(params, taps, d_in, d_out, stream)
               : dispatchSeparable<false>(params, taps, d_in, d_out, stream);
}

}  // namespace convis
