// Launcher for the shared-memory tiled kernel writing to global memory.
#include <cuda_runtime.h>

#include "conv_tiled.cuh"

namespace convis {

int launchTiledConv(const ConvParams& params, const TapTable& taps, const std::uint8_t* d_in,
                    std::uint8_t* d_out, int blockWidth, int blockHeight, CUstream_st* stream) {
    const dim3 block(static_cast<unsigned>(blockWidth), static_cast<unsigned>(blockHeight));
    const dim3 grid(static_cast<unsigned>(device::ceilDiv(params.width, blockWidth)),
                    static_cast<unsigned>(device::ceilDiv(params.height, blockHeight)));
    // At most (32 + 30)^2 pixels * 4 bytes = 15 KiB: always under the default 48 KiB limit.
    const std::size_t shared = device::tiledSharedBytes(blockWidth, blockHeight, params);
    device::tiledConvKernel<<<grid, block, shared, stream>>>(
        params, taps, d_in, device::GlobalStore{d_out, params.outPitch});
    return static_cast<int>(cudaGetLastError());
}

}  // namespace convis
