// The tuned kernels. Direct 2-D path: the block's tile is converted to float once into shared
// memory (16-byte global loads), each thread computes 8 adjacent outputs so every tile value it
// reads feeds up to 8 FMAs per channel from registers, taps come from the constant bank with
// compile-time columns, and results leave as 16-byte stores. (The separable path is in
// conv_separable.cuh.)
#pragma once

#include "conv_common.cuh"

namespace convis::device {

__host__ __device__ constexpr int roundUp4(int v) {
    return (v + 3) & ~3;
}

// ---------------------------------------------------------------------------------------------
// Direct 2-D convolution, kernel width KW known at compile time, height at run time.

inline constexpr int kFastOutputsX = fastDirectShape(1).outputsX;  // outputs per thread along x

// Writes a thread's N (a multiple of 4) finished pixels from (gx, gy) along x (gx, gy inside
// the image): unfiltered channels merged from the input as it is stored (no float round trip),
// 16-byte stores where all N lie inside the image.
template <int N, class Store>
__device__ inline void storeRowOutputs(unsigned (&packed)[N], const ConvParams& p,
                                       const std::uint8_t* in, const Store& out, int gx, int gy) {
    static_assert(N % 4 == 0);
    const unsigned mask = filteredByteMask(p);
    const bool full = gx + N <= p.width;
    if (mask != 0xFFFFFFFFu) {
        const uint4* src = reinterpret_cast<const uint4*>(rowPointer(in, p.inPitch, gy) + gx);
        unsigned original[N];
        if (full) {
#pragma unroll
            for (int q = 0; q < N / 4; ++q) {
                const uint4 a = __ldg(src + q);
                original[4 * q] = a.x, original[4 * q + 1] = a.y;
                original[4 * q + 2] = a.z, original[4 * q + 3] = a.w;
            }
        } else {
#pragma unroll
            for (int o = 0; o < N; ++o) {
                original[o] =
                    gx + o < p.width ? packPixel(loadPixel(in, p.inPitch, gx + o, gy)) : 0u;
            }
        }
#pragma unroll
        for (int o = 0; o < N; ++o) {
            packed[o] = mergeChannels(packed[o], original[o], mask);
        }
    }
    if (full) {
#pragma unroll
        for (int q = 0; q < N / 4; ++q) {
            out.storeQuad(
                gx + 4 * q, gy,
                make_uint4(packed[4 * q], packed[4 * q + 1], packed[4 * q + 2], packed[4 * q + 3]));
        }
    } else {
#pragma unroll
        for (int o = 0; o < N; ++o) {
            if (gx + o < p.width) {
                out.storePixel(gx + o, gy, unpackPixel(packed[o]));
            }
        }
    }
}

template <int KW>
struct FastConfig {
    static constexpr int kRadiusX = KW / 2;
    // The tile starts kHalo columns left of the block's outputs: a multiple of 4, so tile rows
    // are read as aligned 16-byte quads.
    static constexpr int kHalo = roundUp4(kRadiusX);
    // Wide kernels get taller blocks: less halo per output in y, tiles that fit twice per SM.
    static constexpr int kThreadsX = fastDirectShape(KW).threadsX;
    static constexpr int kThreadsY = fastDirectShape(KW).threadsY;
    static_assert(fastDirectShape(KW).outputsX == kFastOutputsX &&
                  fastDirectShape(KW).outputsY == 1);
    static constexpr int kThreads = kThreadsX * kThreadsY;
    static constexpr int kOutW = kThreadsX * kFastOutputsX;
    static constexpr int kTileW = kOutW + 2 * kHalo;
    // One float4 of padding after every 8 pixels: a thread's 8-pixel stride would otherwise put
    // the 8 threads of a 16-byte shared-memory phase in the same banks.
    static constexpr int kRowStride = kTileW + kTileW / 8;

    static __host__ __device__ constexpr int physical(int logical) { return logical + logical / 8; }
    static std::size_t sharedBytes(int kernelHeight) {
        return static_cast<std::size_t>(kRowStride) *
               static_cast<std::size_t>(kThreadsY + 2 * (kernelHeight / 2)) * sizeof(float4);
    }
};

// Stage rows [gy0, gy0 + tileH) and columns [gx0, gx0 + kTileW) of the input, as floats.
// Quads are fetched kLoadBatch at a time, all loads issued before the first conversion, so each
// thread has several 16-byte reads in flight instead of waiting on one per iteration.
inline constexpr int kLoadBatch = 4;

template <int KW>
__device__ inline void loadFastTile(float4* tile, const ConvParams& p, const std::uint8_t* in,
                                    int gx0, int gy0, int tileH) {
    using C = FastConfig<KW>;
    constexpr int kQuadsPerRow = C::kTileW / 4;
    const int total = kQuadsPerRow * tileH;
    const bool interior =
        gx0 >= 0 && gx0 + C::kTileW <= p.width && gy0 >= 0 && gy0 + tileH <= p.height;
    const int tid = static_cast<int>(threadIdx.y) * C::kThreadsX + static_cast<int>(threadIdx.x);
    for (int base = tid; base < total; base += kLoadBatch * C::kThreads) {
        uint4 quad[kLoadBatch];
#pragma unroll
        for (int u = 0; u < kLoadBatch; ++u) {
            // Past the end: the index is clamped and the loaded quad is never stored.
            const int i = min(base + u * C::kThreads, total - 1);
            const int r = i / kQuadsPerRow;
            const int lx = (i - r * kQuadsPerRow) * 4;
            if (interior) {
                // Interior fast path: no border arithmetic, one 16-byte read-only load.
                quad[u] = __ldg(
                    reinterpret_cast<const uint4*>(rowPointer(in, p.inPitch, gy0 + r) + gx0 + lx));
            } else {
                quad[u].x = packPixel(loadBordered(in, p, gx0 + lx, gy0 + r));
                quad[u].y = packPixel(loadBordered(in, p, gx0 + lx + 1, gy0 + r));
                quad[u].z = packPixel(loadBordered(in, p, gx0 + lx + 2, gy0 + r));
                quad[u].w = packPixel(loadBordered(in, p, gx0 + lx + 3, gy0 + r));
            }
        }
#pragma unroll
        for (int u = 0; u < kLoadBatch; ++u) {
            const int i = base + u * C::kThreads;
            if (i < total) {
                const int r = i / kQuadsPerRow;
                const int lx = (i - r * kQuadsPerRow) * 4;
                float4* dst = tile + r * C::kRowStride + C::physical(lx);  // 4 pixels, one group
                dst[0] = toFloat4(quad[u].x);
                dst[1] = toFloat4(quad[u].y);
                dst[2] = toFloat4(quad[u].z);
                dst[3] = toFloat4(quad[u].w);
            }
        }
    }
}

template <int KW, bool kAlpha, class Store>
__global__ void __launch_bounds__(FastConfig<KW>::kThreads)
    fastConvKernel(const __grid_constant__ ConvParams p, const __grid_constant__ TapTable taps,
                   const std::uint8_t* __restrict__ in, Store out) {
    using C = FastConfig<KW>;
    extern __shared__ float4 fastTile[];
    const int ry = p.kernelHeight / 2;
    const int tileH = C::kThreadsY + 2 * ry;
    const int x0 = static_cast<int>(blockIdx.x) * C::kOutW;
    const int y0 = static_cast<int>(blockIdx.y) * C::kThreadsY;
    loadFastTile<KW>(fastTile, p, in, x0 - C::kHalo, y0 - ry, tileH);
    __syncthreads();

    const int tx = static_cast<int>(threadIdx.x);
    const int ty = static_cast<int>(threadIdx.y);
    // Tile column of tap 0 for this thread's first output, minus the thread's 8-pixel group.
    constexpr int kOff = C::kHalo - C::kRadiusX;
    float4 acc[kFastOutputsX];
#pragma unroll
    for (int o = 0; o < kFastOutputsX; ++o) {
        acc[o] = make_float4(0.0f, 0.0f, 0.0f, 0.0f);
    }
    for (int ky = 0; ky < p.kernelHeight; ++ky) {
        // tx * 9: the thread's group of 8 pixels plus its padding slot.
        const float4* row = fastTile + (ty + ky) * C::kRowStride + tx * 9;
        float w[KW];
#pragma unroll
        for (int kx = 0; kx < KW; ++kx) {
            w[kx] = taps.w[ky * KW + kx];
        }
        // Taps are visited in row-major order for every output, as in the reference.
#pragma unroll
        for (int j = 0; j < kFastOutputsX + KW - 1; ++j) {
            const float4 v = row[C::physical(kOff + j)];
#pragma unroll
            for (int o = 0; o < kFastOutputsX; ++o) {
                const int kx = j - o;
                if (kx >= 0 && kx < KW) {
                    accumulate<kAlpha>(acc[o], w[kx], v);
                }
            }
        }
    }

    const int gy = y0 + ty;
    const int gx = x0 + tx * kFastOutputsX;
    if (gy >= p.height || gx >= p.width) {
        return;
    }
    unsigned packed[kFastOutputsX];
    finishAll<kAlpha>(acc, packed, p);
    storeRowOutputs(packed, p, in, out, gx, gy);
}

}  // namespace convis::device
