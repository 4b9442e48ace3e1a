// The first kernel a lecture shows: one thread per output pixel, every tap's weight and pixel
// read from global memory, the border rule applied to every tap.
#pragma once

#include "conv_common.cuh"

namespace convis::device {

template <class Store>
__global__ void naiveConvKernel(const ConvParams p, const float* __restrict__ taps,
                                const std::uint8_t* __restrict__ in, Store out) {
    const int x = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);
    const int y = static_cast<int>(blockIdx.y * blockDim.y + threadIdx.y);
    if (x >= p.width || y >= p.height) {
        return;
    }
    const int rx = p.kernelWidth / 2;
    const int ry = p.kernelHeight / 2;
    float4 acc = make_float4(0.0f, 0.0f, 0.0f, 0.0f);
    for (int ky = 0; ky < p.kernelHeight; ++ky) {
        for (int kx = 0; kx < p.kernelWidth; ++kx) {
            const float w = taps[ky * p.kernelWidth + kx];
            accumulate<true>(acc, w, toFloat4(loadBordered(in, p, x + kx - rx, y + ky - ry)));
        }
    }
    out.storePixel(x, y, finishPixel(acc, loadPixel(in, p.inPitch, x, y), p));
}

}  // namespace convis::device
