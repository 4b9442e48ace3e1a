// Launchers for the tensor-core separable kernel: picks the compiled band reach and whether alpha
// is filtered, checks the launch, and reports how many blocks the device holds at once.
#include <cuda_runtime.h>

#include "conv_separable_mma.cuh"
#include "kernel_launch.cuh"

namespace convis {

namespace {

template <int Reach, bool kAlpha>
int launchTensorFor(const ConvParams& params, const SeparableTaps& taps, int stripRows,
                    const std::uint8_t* d_in, std::uint8_t* d_out, CUstream_st* stream) {
    using C = device::MmaSeparableConfig<Reach>;
    const dim3 block(C::kThreads);
    const dim3 grid(static_cast<unsigned>(device::ceilDiv(params.width, C::kStripW)),
                    static_cast<unsigned>(device::ceilDiv(params.height, stripRows)));
    device::tensorSeparableKernel<Reach, kAlpha><<<grid, block, 0, stream>>>(
        params, taps, stripRows, d_in, device::GlobalStore{d_out, params.outPitch});
    return static_cast<int>(cudaGetLastError());
}

template <bool kAlpha>
int dispatchTensor(const ConvParams& params, const SeparableTaps& taps, int stripRows,
                   const std::uint8_t* d_in, std::uint8_t* d_out, CUstream_st* stream) {
    switch (tensorReach(taps.length)) {
        case 1:
            return launchTensorFor<1, kAlpha>(params, taps, stripRows, d_in, d_out, stream);
        case 2:
            return launchTensorFor<2, kAlpha>(params, taps, stripRows, d_in, d_out, stream);
        default:
            return static_cast<int>(cudaErrorInvalidValue);
    }
}

template <int Reach>
int residentTensorBlocksFor() {
    const auto kernel = device::tensorSeparableKernel<Reach, true>;
    return device::residentTensorBlocks(kernel, device::MmaSeparableConfig<Reach>::kThreads);
}

}  // namespace

int launchTensorSeparableConv(const ConvParams& params, const SeparableTaps& taps, int stripRows,
                              const std::uint8_t* d_in, std::uint8_t* d_out, CUstream_st* stream) {
    if (stripRows < 8 || stripRows % 8 != 0) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    return (params.channelMask & 8u) != 0u
               ? dispatchTensor<true>(params, taps, stripRows, d_in, d_out, stream)
               : dispatchTensor<false>(params, taps, stripRows, d_in, d_out, stream);
}

int tensorSeparableResidentBlocks(int length) {
    switch (tensorReach(length)) {
        case 1:
            return residentTensorBlocksFor<1>();
        case 2:
            return residentTensorBlocksFor<2>();
        default:
            return 0;
    }
}

}  // namespace convis
