// Launchers for the dense tensor-core kernel: picks the compiled kernel height and whether alpha
// is filtered, checks the launch, and reports how many blocks the device holds at once.
#include <cuda_runtime.h>

#include "conv_dense_mma.cuh"
#include "kernel_launch.cuh"

namespace convis {

namespace {

template <int KH, bool kAlpha>
int launchDenseFor(const ConvParams& params, const TapTable& taps, int stripRows,
                   const std::uint8_t* d_in, std::uint8_t* d_out, CUstream_st* stream) {
    using C = device::MmaDenseConfig<KH>;
    const dim3 block(C::kThreads);
    const dim3 grid(static_cast<unsigned>(device::ceilDiv(params.width, C::kStripW)),
                    static_cast<unsigned>(device::ceilDiv(params.height, stripRows)));
    device::tensorDenseKernel<KH, kAlpha><<<grid, block, 0, stream>>>(
        params, taps, stripRows, d_in, device::GlobalStore{d_out, params.outPitch});
    return static_cast<int>(cudaGetLastError());
}

template <bool kAlpha>
int dispatchDense(const ConvParams& params, const TapTable& taps, int stripRows,
                  const std::uint8_t* d_in, std::uint8_t* d_out, CUstream_st* stream) {
    switch (params.kernelHeight) {
        case 1:
            return launchDenseFor<1, kAlpha>(params, taps, stripRows, d_in, d_out, stream);
        case 3:
            return launchDenseFor<3, kAlpha>(params, taps, stripRows, d_in, d_out, stream);
        case 5:
            return launchDenseFor<5, kAlpha>(params, taps, stripRows, d_in, d_out, stream);
        default:
            return static_cast<int>(cudaErrorInvalidValue);
    }
}

template <int KH>
int residentDenseBlocksFor() {
    const auto kernel = device::tensorDenseKernel<KH, true>;
    return device::residentTensorBlocks(kernel, device::MmaDenseConfig<KH>::kThreads);
}

}  // namespace

int launchTensorDenseConv(const ConvParams& params, const TapTable& taps, int stripRows,
                          const std::uint8_t* d_in, std::uint8_t* d_out, CUstream_st* stream) {
    if (stripRows < 8 || stripRows % 8 != 0 || params.kernelWidth > kMaxTensorDenseWidth) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    return (params.channelMask & 8u) != 0u
               ? dispatchDense<true>(params, taps, stripRows, d_in, d_out, stream)
               : dispatchDense<false>(params, taps, stripRows, d_in, d_out, stream);
}

int tensorDenseResidentBlocks(int kernelHeight) {
    switch (kernelHeight) {
        case 1:
            return residentDenseBlocksFor<1>();
        case 3:
            return residentDenseBlocksFor<3>();
        case 5:
            return residentDenseBlocksFor<5>();
        default:
            return 0;
    }
}

}  // namespace convis
