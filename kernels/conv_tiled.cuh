// The shared-memory kernel: each block stages its input tile plus the halo once, then every
// thread computes its output from shared memory with the taps in the constant bank.
#pragma once

#include "conv_common.cuh"

namespace convis::device {

// Dynamic shared memory: (blockDim.x + 2 rx) * (blockDim.y + 2 ry) pixels.
inline std::size_t tiledSharedBytes(int blockWidth, int blockHeight, const ConvParams& p) {
    return static_cast<std::size_t>(blockWidth + 2 * (p.kernelWidth / 2)) *
           static_cast<std::size_t>(blockHeight + 2 * (p.kernelHeight / 2)) * sizeof(uchar4);
}

template <class Store>
__global__ void tiledConvKernel(const __grid_constant__ ConvParams p,
                                const __grid_constant__ TapTable taps,
                                const std::uint8_t* __restrict__ in, Store out) {
    extern __shared__ uchar4 tile[];
    const int rx = p.kernelWidth / 2;
    const int ry = p.kernelHeight / 2;
    const int tileW = static_cast<int>(blockDim.x) + 2 * rx;
    const int tileH = static_cast<int>(blockDim.y) + 2 * ry;
    const int originX = static_cast<int>(blockIdx.x * blockDim.x) - rx;
    const int originY = static_cast<int>(blockIdx.y * blockDim.y) - ry;
    const int tx = static_cast<int>(threadIdx.x);
    const int ty = static_cast<int>(threadIdx.y);
    const int threads = static_cast<int>(blockDim.x * blockDim.y);

    // Cooperative load: the block's threads sweep the tile in raster order, so neighbouring
    // threads read neighbouring pixels (coalesced), and the halo costs no extra pass.
    for (int i = ty * static_cast<int>(blockDim.x) + tx; i < tileW * tileH; i += threads) {
        const int lx = i % tileW;
        const int ly = i / tileW;
        tile[i] = loadBordered(in, p, originX + lx, originY + ly);
    }
    __syncthreads();

    const int x = originX + rx + tx;
    const int y = originY + ry + ty;
    if (x >= p.width || y >= p.height) {
        return;
    }
    float4 acc = make_float4(0.0f, 0.0f, 0.0f, 0.0f);
    for (int ky = 0; ky < p.kernelHeight; ++ky) {
        const uchar4* row = tile + (ty + ky) * tileW + tx;
        for (int kx = 0; kx < p.kernelWidth; ++kx) {
            accumulate<true>(acc, taps.w[ky * p.kernelWidth + kx], toFloat4(row[kx]));
        }
    }
    out.storePixel(x, y, finishPixel(acc, tile[(ty + ry) * tileW + tx + rx], p));
}

}  // namespace convis::device
