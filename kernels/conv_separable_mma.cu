// Launchers for the tensor-core separable kernel: picks the compiled band reach and whether alpha
// is filtered, checks the launch, and reports how many blocks the device holds at once.
#include <cuda_runtime.h>

#include "conv_separable_mma.cuh"

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
    switch (device::tensorReach(taps.length)) {
        case 1:
            return launchTensorFor<1, kAlpha>(params, taps, stripRows, d_in, d_out, stream);
        case 2:
            return launchTensorFor<2, kAlpha>(params, taps, stripRows, d_in, d_out, stream);
        default:
            return static_cast<int>(cudaErrorInvalidValue);
    }
}

// Blocks per multiprocessor times multiprocessors for the four-channel instantiation, or 0 when
// the code the device would run has no tensor-core products (built for or JIT-compiled to an
// architecture below 8.0) or a query fails.
template <int Reach>
int residentTensorBlocksFor() {
    using C = device::MmaSeparableConfig<Reach>;
    const auto kernel = device::tensorSeparableKernel<Reach, true>;
    int deviceId = 0;
    int multiprocessors = 0;
    int perMultiprocessor = 0;
    cudaFuncAttributes attributes{};
    if (cudaGetDevice(&deviceId) != cudaSuccess ||
        cudaDeviceGetAttribute(&multiprocessors, cudaDevAttrMultiProcessorCount, deviceId) !=
            cudaSuccess ||
        cudaFuncGetAttributes(&attributes, kernel) != cudaSuccess ||
        cudaOccupancyMaxActiveBlocksPerMultiprocessor(&perMultiprocessor, kernel, C::kThreads, 0) !=
            cudaSuccess) {
        cudaGetLastError();  // a failed query is an answer (0), not a pending error
        return 0;
    }
    if (attributes.binaryVersion < 80 || attributes.ptxVersion < 80) {
        return 0;
    }
    return multiprocessors * perMultiprocessor;
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
    switch (device::tensorReach(length)) {
        case 1:
            return residentTensorBlocksFor<1>();
        case 2:
            return residentTensorBlocksFor<2>();
        default:
            return 0;
    }
}

}  // namespace convis
