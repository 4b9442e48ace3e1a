// Convolution kernels that store RGBA8 results with surface writes, so the output can land
// directly in a GL texture mapped through CUDA-GL interop (or in a CUDA array on the copy path).
// This file knows nothing of GL: it only sees a cudaSurfaceObject_t.
#include <cuda_runtime.h>

#include <type_traits>

#include "surface_launch.hpp"
#include "surface_pixel.cuh"

namespace convis::kernels {

static_assert(std::is_same_v<cudaSurfaceObject_t, unsigned long long>,
              "surface_launch.hpp passes surfaces as unsigned long long");
static_assert(std::is_same_v<cudaStream_t, CUstream_st*>,
              "surface_launch.hpp passes streams as CUstream_st*");

namespace {

constexpr int kMaxTaps = 31 * 31;
constexpr int kFastRows = 2;  // output rows per thread in the fast variant

// Taps of the fast variant: every thread of a warp reads the same tap at the same time, which
// constant memory serves as one broadcast. One launch at a time per process uses it: the
// producer enqueues the copy and the launch on one stream, so they stay ordered.
__constant__ float c_taps[kMaxTaps];

__device__ __forceinline__ void storePixel(cudaSurfaceObject_t surface, uchar4 value, int x,
                                           int y) {
    surf2Dwrite(value, surface, x * static_cast<int>(sizeof(uchar4)), y);
}

__global__ void surfaceNaiveKernel(const uchar4* __restrict__ d_input, SurfaceRequest request,
                                   SurfaceTarget target) {
    const int x = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);
    const int y = static_cast<int>(blockIdx.y * blockDim.y + threadIdx.y);
    if (x >= target.width || y >= target.height) {
        return;
    }
    const int rx = request.tapsWidth / 2;
    const int ry = request.tapsHeight / 2;
    float4 sum = make_float4(0.0f, 0.0f, 0.0f, 0.0f);
    for (int ky = 0; ky < request.tapsHeight; ++ky) {
        for (int kx = 0; kx < request.tapsWidth; ++kx) {
            const uchar4 p = loadRemapped(d_input, x + kx - rx, y + ky - ry, target.width,
                                          target.height, request.border);
            accumulateExact(sum, request.d_taps[ky * request.tapsWidth + kx], p);
        }
    }
    const uchar4 source =
        d_input[static_cast<size_t>(y) * static_cast<size_t>(target.width) +
                static_cast<size_t>(x)];
    storePixel(target.surface, finishPixel(sum, source, request), x, y);
}

// Shared memory layout of the tiled kernels: taps (tiled only), then the input tile with halo.
struct TileShape {
    int width;   // blockDim.x + 2 * rx
    int height;  // blockDim.y * rows + 2 * ry
};

__device__ __forceinline__ void loadTile(const uchar4* __restrict__ d_input, uchar4* s_tile,
                                         TileShape tile, int originX, int originY,
                                         const SurfaceRequest& request,
                                         const SurfaceTarget& target) {
    const int threads = static_cast<int>(blockDim.x * blockDim.y);
    const int first = static_cast<int>(threadIdx.y * blockDim.x + threadIdx.x);
    for (int i = first; i < tile.width * tile.height; i += threads) {
        const int tx = i % tile.width;
        const int ty = i / tile.width;
        s_tile[i] = loadRemapped(d_input, originX + tx, originY + ty, target.width,
                                 target.height, request.border);
    }
}

__global__ void surfaceTiledKernel(const uchar4* __restrict__ d_input, SurfaceRequest request,
                                   SurfaceTarget target) {
    extern __shared__ __align__(16) unsigned char s_bytes[];
    const int tapCount = request.tapsWidth * request.tapsHeight;
    float* s_taps = reinterpret_cast<float*>(s_bytes);
    uchar4* s_tile = reinterpret_cast<uchar4*>(s_bytes + ((tapCount * 4 + 15) / 16) * 16);

    const int rx = request.tapsWidth / 2;
    const int ry = request.tapsHeight / 2;
    const TileShape tile{static_cast<int>(blockDim.x) + 2 * rx,
                         static_cast<int>(blockDim.y) + 2 * ry};
    const int originX = static_cast<int>(blockIdx.x * blockDim.x) - rx;
    const int originY = static_cast<int>(blockIdx.y * blockDim.y) - ry;

    const int threads = static_cast<int>(blockDim.x * blockDim.y);
    const int first = static_cast<int>(threadIdx.y * blockDim.x + threadIdx.x);
    for (int i = first; i < tapCount; i += threads) {
        s_taps[i] = request.d_taps[i];
    }
    loadTile(d_input, s_tile, tile, originX, originY, request, target);
    __syncthreads();

    const int lx = static_cast<int>(threadIdx.x);
    const int ly = static_cast<int>(threadIdx.y);
    const int x = originX + rx + lx;
    const int y = originY + ry + ly;
    if (x >= target.width || y >= target.height) {
        return;
    }
    float4 sum = make_float4(0.0f, 0.0f, 0.0f, 0.0f);
    for (int ky = 0; ky < request.tapsHeight; ++ky) {
        const uchar4* row = s_tile + (ly + ky) * tile.width + lx;
        const float* taps = s_taps + ky * request.tapsWidth;
        for (int kx = 0; kx < request.tapsWidth; ++kx) {
            accumulateExact(sum, taps[kx], row[kx]);
        }
    }
    const uchar4 source = s_tile[(ly + ry) * tile.width + lx + rx];
    storePixel(target.surface, finishPixel(sum, source, request), x, y);
}

__global__ void surfaceFastKernel(const uchar4* __restrict__ d_input, SurfaceRequest request,
                                  SurfaceTarget target) {
    extern __shared__ __align__(16) unsigned char s_bytes[];
    uchar4* s_tile = reinterpret_cast<uchar4*>(s_bytes);

    const int rx = request.tapsWidth / 2;
    const int ry = request.tapsHeight / 2;
    const int rowsPerBlock = static_cast<int>(blockDim.y) * kFastRows;
    const TileShape tile{static_cast<int>(blockDim.x) + 2 * rx, rowsPerBlock + 2 * ry};
    const int originX = static_cast<int>(blockIdx.x * blockDim.x) - rx;
    const int originY = static_cast<int>(blockIdx.y) * rowsPerBlock - ry;
    loadTile(d_input, s_tile, tile, originX, originY, request, target);
    __syncthreads();

    const int lx = static_cast<int>(threadIdx.x);
    const int ly = static_cast<int>(threadIdx.y);
    const int x = originX + rx + lx;
    const int y0 = originY + ry + ly;
    const int y1 = y0 + static_cast<int>(blockDim.y);  // rows blockDim.y apart: coalesced stores
    if (x >= target.width || y0 >= target.height) {
        return;
    }
    const int lowerRow = static_cast<int>(blockDim.y) * tile.width;
    float4 sum0 = make_float4(0.0f, 0.0f, 0.0f, 0.0f);
    float4 sum1 = make_float4(0.0f, 0.0f, 0.0f, 0.0f);
    for (int ky = 0; ky < request.tapsHeight; ++ky) {
        const uchar4* row = s_tile + (ly + ky) * tile.width + lx;
        const float* taps = c_taps + ky * request.tapsWidth;
        for (int kx = 0; kx < request.tapsWidth; ++kx) {
            const float tap = taps[kx];
            accumulateFused(sum0, tap, row[kx]);
            accumulateFused(sum1, tap, row[lowerRow + kx]);
        }
    }
    const uchar4* centre = s_tile + (ly + ry) * tile.width + lx + rx;
    storePixel(target.surface, finishPixel(sum0, centre[0], request), x, y0);
    if (y1 < target.height) {
        storePixel(target.surface, finishPixel(sum1, centre[lowerRow], request), x, y1);
    }
}

int ceilDiv(int a, int b) { return (a + b - 1) / b; }

bool validShape(int blockWidth, int blockHeight) {
    return blockWidth >= 1 && blockWidth <= 32 && blockHeight >= 1 && blockHeight <= 32 &&
           blockWidth * blockHeight >= 32 && blockWidth * blockHeight <= 1024;
}

size_t tileBytes(int blockWidth, int blockHeight, int rows, const SurfaceRequest& request) {
    const int width = blockWidth + 2 * (request.tapsWidth / 2);
    const int height = blockHeight * rows + 2 * (request.tapsHeight / 2);
    return static_cast<size_t>(width) * static_cast<size_t>(height) * sizeof(uchar4);
}

}  // namespace

SurfaceLaunchShape surfaceLaunchShape(SurfaceVariant variant, int width, int height,
                                      int blockWidth, int blockHeight) {
    const int rows = variant == SurfaceVariant::Fast ? kFastRows : 1;
    return SurfaceLaunchShape{ceilDiv(width, blockWidth), ceilDiv(height, blockHeight * rows),
                              blockWidth, blockHeight, rows};
}

bool launchSurfaceConv(SurfaceVariant variant, const std::uint8_t* d_input,
                       const SurfaceRequest& request, const SurfaceTarget& target,
                       int blockWidth, int blockHeight, CUstream_st* stream) {
    if (!validShape(blockWidth, blockHeight) || request.tapsWidth < 1 ||
        request.tapsHeight < 1 || request.tapsWidth * request.tapsHeight > kMaxTaps ||
        target.width < 1 || target.height < 1) {
        return false;
    }
    const SurfaceLaunchShape shape =
        surfaceLaunchShape(variant, target.width, target.height, blockWidth, blockHeight);
    const dim3 grid(static_cast<unsigned>(shape.gridX), static_cast<unsigned>(shape.gridY));
    const dim3 block(static_cast<unsigned>(blockWidth), static_cast<unsigned>(blockHeight));
    const auto* input = reinterpret_cast<const uchar4*>(d_input);
    const size_t tapBytes = static_cast<size_t>(request.tapsWidth * request.tapsHeight) * 4;
    switch (variant) {
        case SurfaceVariant::Naive:
            surfaceNaiveKernel<<<grid, block, 0, stream>>>(input, request, target);
            return true;
        case SurfaceVariant::Tiled: {
            const size_t shared =
                (tapBytes + 15) / 16 * 16 + tileBytes(blockWidth, blockHeight, 1, request);
            surfaceTiledKernel<<<grid, block, shared, stream>>>(input, request, target);
            return true;
        }
        case SurfaceVariant::Fast: {
            // A failed copy is reported by the caller's cudaGetLastError() like a launch error.
            if (cudaMemcpyToSymbolAsync(c_taps, request.d_taps, tapBytes, 0,
                                        cudaMemcpyDeviceToDevice, stream) != cudaSuccess) {
                return true;
            }
            const size_t shared = tileBytes(blockWidth, blockHeight, kFastRows, request);
            surfaceFastKernel<<<grid, block, shared, stream>>>(input, request, target);
            return true;
        }
    }
    return false;
}

}  // namespace convis::kernels
