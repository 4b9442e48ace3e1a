// Integer-weight 2-D convolution in packed 16-bit lanes: the tile stays integer (each pixel split
// once into the words R|B and G|A), and one integer multiply-add per word and tap accumulates two
// channels, where the float kernel spends a conversion per channel and one FMA per channel and
// tap. Same block shapes, outputs per thread and store path as fastConvKernel (conv_fast.cuh).
#pragma once

#include "conv_fast.cuh"

namespace convis::device {

// The two lane words of a packed RGBA8 pixel: bytes 0 and 2 (R, B) and bytes 1 and 3 (G, A),
// each in the low byte of a 16-bit lane.
__device__ inline unsigned lanesRB(unsigned pixel) {
    return pixel & 0x00FF00FFu;
}
__device__ inline unsigned lanesGA(unsigned pixel) {
    return __byte_perm(pixel, 0u, 0x4341u);
}

template <int KW, bool kFlush>
struct LanesConfig {
    static constexpr FastBlockShape kShape = lanesShape(KW);
    static constexpr int kRadiusX = KW / 2;
    static constexpr int kHalo = roundUp4(kRadiusX);  // tile rows start 16-byte aligned
    static constexpr int kThreadsX = kShape.threadsX;
    static constexpr int kThreadsY = kShape.threadsY;
    static constexpr int kThreads = kThreadsX * kThreadsY;
    static constexpr int kOutputs = kShape.outputsX;  // adjacent outputs per thread along x
    static constexpr int kOutW = kThreadsX * kOutputs;
    static constexpr int kTileW = kOutW + 2 * kHalo;
    static_assert(kShape.outputsY == 1 && (kOutputs == 4 || kOutputs == 8) &&
                  kTileW % kOutputs == 0 && (4 * kThreadsX) % kOutputs == 0);
    // A tile pixel is a uint2 (its two lane words). Two pixels of padding after each thread's
    // group of kOutputs pixels put the 16-byte reads of the 8 threads of a shared-memory phase
    // (48 or 80 bytes apart) in 8 different bank groups.
    static constexpr int kGroupStride = kOutputs + 2;                    // uint2 per thread group
    static constexpr int kRowStride = kTileW / kOutputs * kGroupStride;  // uint2 per tile row
    // Resident blocks per SM the register budget must allow: 6 (40 registers, 75% occupancy)
    // for unflushed lanes up to width 7, else 4 (64 registers: no spills with the 32-bit sums of
    // flushed lanes). Turing holds at most 1024 threads per SM, so 4 blocks of 256 there.
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ < 800
    static constexpr int kMinBlocks = 4;
#else
    static constexpr int kMinBlocks = !kFlush && KW <= 7 ? 6 : 4;
#endif

    static __host__ __device__ constexpr int physical(int logical) {
        return logical + 2 * (logical / kOutputs);
    }
    static std::size_t sharedBytes(int kernelHeight) {
        return static_cast<std::size_t>(kRowStride) *
               static_cast<std::size_t>(kThreadsY + 2 * (kernelHeight / 2)) * sizeof(uint2);
    }
};

// Stage rows [gy0, gy0 + tileH) and columns [gx0, gx0 + kTileW) of the input as lane words,
// each pixel split once. Thread (tx, ty) takes the quads (16-byte groups of 4 pixels) in columns
// tx, tx + kThreadsX, ... of rows ty, ty + kThreadsY, ...: every address is the thread's base plus
// a compile-time offset, and a row's loads are all issued before the first is split. (A linear
// numbering of the quads, as loadFastTile uses, keeps every thread busy but spends more
// instructions on the division and the 64-bit addresses than on the copy itself.)
template <class C>
__device__ inline void loadLanesTile(uint2* tile, const ConvParams& p, const std::uint8_t* in,
                                     int gx0, int gy0, int tileH) {
    constexpr int kQuadsPerRow = C::kTileW / 4;
    constexpr int kColumns = ceilDiv(kQuadsPerRow, C::kThreadsX);
    const int tx = static_cast<int>(threadIdx.x);
    const int ty = static_cast<int>(threadIdx.y);
    // Slot of the thread's first quad in a tile row. Quad column tx + m kThreadsX starts 4 m
    // kThreadsX pixels later, a multiple of kOutputs, so that many slots plus 2 padding slots per
    // kOutputs pixels later.
    const int slot0 = C::physical(4 * tx);
    const bool interior =
        gx0 >= 0 && gx0 + C::kTileW <= p.width && gy0 >= 0 && gy0 + tileH <= p.height;
    for (int r0 = 0; r0 < tileH; r0 += C::kThreadsY) {
        const int r = r0 + ty;
        if (r >= tileH) {
            break;
        }
        uint4 quad[kColumns];
        if (interior) {
            const uint4* src =
                reinterpret_cast<const uint4*>(rowPointer(in, p.inPitch, gy0 + r) + gx0) + tx;
#pragma unroll
            for (int m = 0; m < kColumns; ++m) {
                if (tx + m * C::kThreadsX < kQuadsPerRow) {
                    quad[m] = __ldg(src + m * C::kThreadsX);
                }
            }
        } else {
#pragma unroll
            for (int m = 0; m < kColumns; ++m) {
                const int lx = 4 * (tx + m * C::kThreadsX);
                if (lx < C::kTileW) {
                    quad[m].x = packPixel(loadBordered(in, p, gx0 + lx, gy0 + r));
                    quad[m].y = packPixel(loadBordered(in, p, gx0 + lx + 1, gy0 + r));
                    quad[m].z = packPixel(loadBordered(in, p, gx0 + lx + 2, gy0 + r));
                    quad[m].w = packPixel(loadBordered(in, p, gx0 + lx + 3, gy0 + r));
                }
            }
        }
        uint2* row = tile + r * C::kRowStride + slot0;
#pragma unroll
        for (int m = 0; m < kColumns; ++m) {
            if (tx + m * C::kThreadsX < kQuadsPerRow) {
                const uint4 v = quad[m];
                constexpr int kStep = 4 * C::kThreadsX + 2 * (4 * C::kThreadsX / C::kOutputs);
                uint4* dst = reinterpret_cast<uint4*>(row + m * kStep);
                dst[0] = make_uint4(lanesRB(v.x), lanesGA(v.x), lanesRB(v.y), lanesGA(v.y));
                dst[1] = make_uint4(lanesRB(v.z), lanesGA(v.z), lanesRB(v.w), lanesGA(v.w));
            }
        }
    }
}

// The float sum s of a channel from its lane value (bias + s, below 2^16) or its 32-bit sum
// (below 2^23): OR-ing the value into the bits of 2^23 gives the float 2^23 + value exactly, and
// subtracting base = 2^23 + bias is exact too (integers below 2^24).
__device__ inline float laneSum(unsigned value, float base) {
    return __uint_as_float(0x4B000000u | value) - base;
}

// kFlush: the rows form several lane groups (LaneTaps::flushRows), each added into 32-bit sums
// after its last row; otherwise the lanes hold the whole sum and are finished directly.
template <int KW, bool kAlpha, bool kFlush, class Store>
__global__ void __launch_bounds__(LanesConfig<KW, kFlush>::kThreads,
                                  LanesConfig<KW, kFlush>::kMinBlocks)
    lanesConvKernel(const __grid_constant__ ConvParams p, const __grid_constant__ LaneTaps taps,
                    const std::uint8_t* __restrict__ in, Store out) {
    using C = LanesConfig<KW, kFlush>;
    constexpr int kOutputs = C::kOutputs;
    extern __shared__ uint4 lanesShared[];  // uint4: the pair reads need 16-byte alignment
    uint2* lanesTile = reinterpret_cast<uint2*>(lanesShared);
    const int ry = p.kernelHeight / 2;
    const int tileH = C::kThreadsY + 2 * ry;
    const int x0 = static_cast<int>(blockIdx.x) * C::kOutW;
    const int y0 = static_cast<int>(blockIdx.y) * C::kThreadsY;
    loadLanesTile<C>(lanesTile, p, in, x0 - C::kHalo, y0 - ry, tileH);
    __syncthreads();

    const int tx = static_cast<int>(threadIdx.x);
    const int ty = static_cast<int>(threadIdx.y);
    // Tile column of tap 0 for the thread's first output, relative to its group; the window of
    // kOutputs + KW - 1 pixels is read as 16-byte pairs starting at an even column.
    constexpr int kOff = C::kHalo - C::kRadiusX;
    constexpr int kWindow = kOutputs + KW - 1;
    constexpr int kFirst = kOff & ~1;
    constexpr int kPairs = (kOff + kWindow - kFirst + 1) / 2;
    unsigned rb[kOutputs];
    unsigned ga[kOutputs];
    unsigned sums[kFlush ? kOutputs : 1][4];  // R, G, B, A
#pragma unroll
    for (int o = 0; o < kOutputs; ++o) {
        rb[o] = taps.groupBias[0];
        ga[o] = taps.groupBias[0];
        if constexpr (kFlush) {
            sums[o][0] = sums[o][1] = sums[o][2] = sums[o][3] = 0u;
        }
    }
    for (int ky = 0; ky < p.kernelHeight; ++ky) {
        const uint2* row = lanesTile + (ty + ky) * C::kRowStride + tx * C::kGroupStride;
        int w[KW];
#pragma unroll
        for (int kx = 0; kx < KW; ++kx) {
            w[kx] = taps.w[ky * KW + kx];
        }
        // Taps in row-major order per output; integer sums do not depend on the order anyway.
#pragma unroll
        for (int pair = 0; pair < kPairs; ++pair) {
            const int column = kFirst + 2 * pair;
            const uint4 v = *reinterpret_cast<const uint4*>(row + C::physical(column));
#pragma unroll
            for (int h = 0; h < 2; ++h) {
                const int j = column + h - kOff;  // index in the thread's window
                if (j < 0 || j >= kWindow) {
                    continue;
                }
                const unsigned vrb = h == 0 ? v.x : v.z;
                const unsigned vga = h == 0 ? v.y : v.w;
#pragma unroll
                for (int o = 0; o < kOutputs; ++o) {
                    const int kx = j - o;
                    if (kx >= 0 && kx < KW) {
                        // Modulo 2^32: a negative tap borrows across lanes only transiently.
                        rb[o] += static_cast<unsigned>(w[kx]) * vrb;
                        ga[o] += static_cast<unsigned>(w[kx]) * vga;
                    }
                }
            }
        }
        if constexpr (kFlush) {
            if (((taps.flushRows >> ky) & 1u) != 0u) {
                const unsigned bias = taps.groupBias[ky + 1];
#pragma unroll
                for (int o = 0; o < kOutputs; ++o) {
                    sums[o][0] += rb[o] & 0xFFFFu;
                    sums[o][2] += rb[o] >> 16;
                    sums[o][1] += ga[o] & 0xFFFFu;
                    sums[o][3] += ga[o] >> 16;
                    rb[o] = bias;
                    ga[o] = bias;
                }
            }
        }
    }

    const int gy = y0 + ty;
    const int gx = x0 + tx * kOutputs;
    if (gy >= p.height || gx >= p.width) {
        return;
    }
    // Exact integer sums as floats, then the float kernel's post-op (any finish mode: the sums
    // are exactly what the reference accumulates).
    float4 acc[kOutputs];
#pragma unroll
    for (int o = 0; o < kOutputs; ++o) {
        if constexpr (kFlush) {
            acc[o] = make_float4(laneSum(sums[o][0], taps.base), laneSum(sums[o][1], taps.base),
                                 laneSum(sums[o][2], taps.base), laneSum(sums[o][3], taps.base));
        } else {
            acc[o] = make_float4(laneSum(rb[o] & 0xFFFFu, taps.base),
                                 laneSum(ga[o] & 0xFFFFu, taps.base),
                                 laneSum(rb[o] >> 16, taps.base), laneSum(ga[o] >> 16, taps.base));
        }
    }
    unsigned packed[kOutputs];
    finishAll<kAlpha>(acc, packed, p);
    storeRowOutputs(packed, p, in, out, gx, gy);
}

}  // namespace convis::device
