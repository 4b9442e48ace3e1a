// Launcher for the register-streaming packed-lane kernel: picks the compile-time kernel sides,
// strip height and whether alpha is filtered, checks the launch.
#include <cuda_runtime.h>

#include "conv_lanes_stream.cuh"

namespace convis {

namespace {

template <int KW, int KH, int S, bool kAlpha>
int launchStreamFor(const ConvParams& params, const LaneTaps& taps, const std::uint8_t* d_in,
                    std::uint8_t* d_out, CUstream_st* stream) {
    using C = device::LanesStreamConfig<KW, KH, S>;
    const auto kernel = device::lanesStreamKernel<KW, KH, S, kAlpha, device::GlobalStore>;
    const int stripsPerBlock = C::kThreads / 32;
    const dim3 block(static_cast<unsigned>(C::kThreads));
    const dim3 grid(
        static_cast<unsigned>(device::ceilDiv(params.width, stripsPerBlock * C::kStripW)),
        static_cast<unsigned>(device::ceilDiv(params.height, S)));
    kernel<<<grid, block, 0, stream>>>(params, taps, d_in,
                                       device::GlobalStore{d_out, params.outPitch});
    return static_cast<int>(cudaGetLastError());
}

template <int KW, int KH, bool kAlpha>
int dispatchRows(const ConvParams& params, const LaneTaps& taps, int rows, const std::uint8_t* d_in,
                 std::uint8_t* d_out, CUstream_st* stream) {
    static_assert(sizeof(kLanesStreamRows) / sizeof(kLanesStreamRows[0]) == 2 &&
                      kLanesStreamRows[0] == 32 && kLanesStreamRows[1] == 64,
                  "the cases below list every strip height");
    switch (rows) {
        case 32:
            return launchStreamFor<KW, KH, 32, kAlpha>(params, taps, d_in, d_out, stream);
        case 64:
            return launchStreamFor<KW, KH, 64, kAlpha>(params, taps, d_in, d_out, stream);
        default:
            return static_cast<int>(cudaErrorInvalidValue);
    }
}

template <int KW, bool kAlpha>
int dispatchHeight(const ConvParams& params, const LaneTaps& taps, int rows,
                   const std::uint8_t* d_in, std::uint8_t* d_out, CUstream_st* stream) {
    static_assert(kMaxLanesStreamSide == 3, "the cases below list every odd side up to 3");
    switch (params.kernelHeight) {
        case 1:
            return dispatchRows<KW, 1, kAlpha>(params, taps, rows, d_in, d_out, stream);
        case 3:
            return dispatchRows<KW, 3, kAlpha>(params, taps, rows, d_in, d_out, stream);
        default:
            return static_cast<int>(cudaErrorInvalidValue);
    }
}

template <bool kAlpha>
int dispatchWidth(const ConvParams& params, const LaneTaps& taps, int rows,
                  const std::uint8_t* d_in, std::uint8_t* d_out, CUstream_st* stream) {
    switch (params.kernelWidth) {
        case 1:
            return dispatchHeight<1, kAlpha>(params, taps, rows, d_in, d_out, stream);
        case 3:
            return dispatchHeight<3, kAlpha>(params, taps, rows, d_in, d_out, stream);
        default:
            return static_cast<int>(cudaErrorInvalidValue);
    }
}

}  // namespace

int launchLanesStreamConv(const ConvParams& params, const LaneTaps& taps, int rows,
                          const std::uint8_t* d_in, std::uint8_t* d_out, CUstream_st* stream) {
    if (taps.flushRows != 0u || !params.integerFinish) {
        return static_cast<int>(cudaErrorInvalidValue);  // one lane group, integer post-op only
    }
    return (params.channelMask & 8u) != 0u
               ? dispatchWidth<true>(params, taps, rows, d_in, d_out, stream)
               : dispatchWidth<false>(params, taps, rows, d_in, d_out, stream);
}

}  // namespace convis
