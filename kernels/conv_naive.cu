// Launcher for the naive kernel writing to global memory.
#include <cuda_runtime.h>

#include "conv_naive.cuh"

namespace convis {

int launchNaiveConv(const ConvParams& params, const float* d_taps, const std::uint8_t* d_in,
                    std::uint8_t* d_out, int blockWidth, int blockHeight, CUstream_st* stream) {
    const dim3 block(static_cast<unsigned>(blockWidth), static_cast<unsigned>(blockHeight));
    const dim3 grid(static_cast<unsigned>(device::ceilDiv(params.width, blockWidth)),
                    static_cast<unsigned>(device::ceilDiv(params.height, blockHeight)));
    device::naiveConvKernel<<<grid, block, 0, stream>>>(
        params, d_taps, d_in, device::GlobalStore{d_out, params.outPitch});
    return static_cast<int>(cudaGetLastError());
}

}  // namespace convis
