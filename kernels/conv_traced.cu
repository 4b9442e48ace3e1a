// The traced convolution: the naive kernel's per-output maths, and per block the SM it ran on
// and its start and end on the GPU's global nanosecond timer, for the measured replay.
#include <cuda_runtime.h>

#include "conv_common.cuh"
#include "conv_traced.hpp"

namespace convis {

namespace device {

__device__ inline std::uint64_t globalTimerNs() {
    std::uint64_t t;
    asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(t));
    return t;
}

__device__ inline std::uint32_t smId() {
    std::uint32_t id;
    asm volatile("mov.u32 %0, %%smid;" : "=r"(id));
    return id;
}

__global__ void tracedConvKernel(const ConvParams p, const float* __restrict__ taps,
                                 const std::uint8_t* __restrict__ in, GlobalStore out,
                                 TracedBlockSlot* slots) {
    __shared__ std::uint64_t start;
    const bool first = threadIdx.x == 0 && threadIdx.y == 0;
    if (first) {
        start = globalTimerNs();
    }
    __syncthreads();
    const int x = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);
    const int y = static_cast<int>(blockIdx.y * blockDim.y + threadIdx.y);
    // No early return: every thread must reach the closing barrier.
    if (x < p.width && y < p.height) {
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
    __syncthreads();
    if (first) {
        TracedBlockSlot& slot = slots[blockIdx.y * gridDim.x + blockIdx.x];
        slot.startNs = start;
        slot.endNs = globalTimerNs();
        slot.sm = smId();
        slot.blockX = blockIdx.x;
        slot.blockY = blockIdx.y;
        slot.written = 1;
    }
}

}  // namespace device

int launchTracedConv(const ConvParams& params, const float* d_taps, const std::uint8_t* d_in,
                     std::uint8_t* d_out, int blockWidth, int blockHeight, TracedBlockSlot* d_slots,
                     CUstream_st* stream) {
    const dim3 block(static_cast<unsigned>(blockWidth), static_cast<unsigned>(blockHeight));
    const dim3 grid(static_cast<unsigned>(device::ceilDiv(params.width, blockWidth)),
                    static_cast<unsigned>(device::ceilDiv(params.height, blockHeight)));
    device::tracedConvKernel<<<grid, block, 0, stream>>>(
        params, d_taps, d_in, device::GlobalStore{d_out, params.outPitch}, d_slots);
    return static_cast<int>(cudaGetLastError());
}

int tracedConvOccupancy(int blockWidth, int blockHeight, int* blocksPerSm) {
    return static_cast<int>(cudaOccupancyMaxActiveBlocksPerMultiprocessor(
        blocksPerSm, device::tracedConvKernel, blockWidth * blockHeight, 0));
}

}  // namespace convis
