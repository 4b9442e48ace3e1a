// The packed-lane kernel walking down a column of tiles: each block computes `steps` tiles of one
// column strip in turn, keeping the kernel's halo rows in a shared-memory ring so every input row
// is staged once per strip, and copies the next tile's new rows into shared memory
// asynchronously (cp.async on sm_80 and later) while the current tile is computed. Same taps,
// inner loop, post-op and store path as lanesConvKernel (conv_lanes.cuh).
#pragma once

#include <cuda_pipeline.h>

#include "conv_lanes.cuh"

namespace convis::device {

// Shared memory of the column kernel: the ring of kThreadsY + 2 ry lane rows (as lanesConvKernel's
// tile), then a raw staging area of kThreadsY rows of the tile's 16-byte quads that the
// asynchronous copies fill (each thread copies, and later splits, only its own quads).
template <class C>
struct LanesColumnLayout {
    static constexpr int kQuadsPerRow = C::kTileW / 4;
    static constexpr int kColumns = ceilDiv(kQuadsPerRow, C::kThreadsX);
    static_assert(C::kRowStride % 2 == 0, "ring rows must be whole uint4");
    static __host__ __device__ int ringRows(int kernelHeight) {
        return C::kThreadsY + 2 * (kernelHeight / 2);
    }
    static std::size_t sharedBytes(int kernelHeight) {
        return static_cast<std::size_t>(ringRows(kernelHeight)) *
                   static_cast<std::size_t>(C::kRowStride) * sizeof(uint2) +
               static_cast<std::size_t>(C::kThreadsY) * kQuadsPerRow * sizeof(uint4);
    }
};

// Splits a quad of 4 pixels into lane words and writes them to the thread's slot m of a ring row
// (the slot layout of loadLanesTile).
template <class C>
__device__ inline void storeLaneQuad(uint2* ringRow, int slot0, int m, const uint4& v) {
    constexpr int kStep = 4 * C::kThreadsX + 2 * (4 * C::kThreadsX / C::kOutputs);
    uint4* dst = reinterpret_cast<uint4*>(ringRow + slot0 + m * kStep);
    dst[0] = make_uint4(lanesRB(v.x), lanesGA(v.x), lanesRB(v.y), lanesGA(v.y));
    dst[1] = make_uint4(lanesRB(v.z), lanesGA(v.z), lanesRB(v.w), lanesGA(v.w));
}

// Whether quad m of thread tx (pixels gx0 + 4 (tx + m kThreadsX) ... + 3) of input row gy lies
// inside the image, so a 16-byte copy fetches it; elsewhere the border rule applies per pixel.
template <class C>
__device__ inline bool quadInside(const ConvParams& p, int gx0, int gy, int tx, int m) {
    const int gx = gx0 + 4 * (tx + m * C::kThreadsX);
    return gy >= 0 && gy < p.height && gx >= 0 && gx + 4 <= p.width;
}

// Quad m of thread tx in input row gy through the border rule, pixel by pixel.
template <class C>
__device__ inline uint4 borderedQuad(const ConvParams& p, const std::uint8_t* in, int gx0, int gy,
                                     int tx, int m) {
    const int gx = gx0 + 4 * (tx + m * C::kThreadsX);
    return make_uint4(
        packPixel(loadBordered(in, p, gx, gy)), packPixel(loadBordered(in, p, gx + 1, gy)),
        packPixel(loadBordered(in, p, gx + 2, gy)), packPixel(loadBordered(in, p, gx + 3, gy)));
}

// Stages the first tile's strip rows [0, ringRows) (strip row q is input row gyTop + q) into ring
// slots 0 ... ringRows - 1, synchronously. Thread (tx, ty) takes rows ty, ty + kThreadsY, ...
// and in each the quads of loadLanesTile: 16-byte loads inside the image, the border rule
// elsewhere.
template <class C>
__device__ inline void stageFirstRows(uint2* ring, int ringRows, const ConvParams& p,
                                      const std::uint8_t* in, int gx0, int gyTop) {
    using L = LanesColumnLayout<C>;
    const int tx = static_cast<int>(threadIdx.x);
    const int ty = static_cast<int>(threadIdx.y);
    const int slot0 = C::physical(4 * tx);
    for (int q = ty; q < ringRows; q += C::kThreadsY) {
        const int gy = gyTop + q;
        const uint4* src = reinterpret_cast<const uint4*>(
                               rowPointer(in, p.inPitch, min(max(gy, 0), p.height - 1)) + gx0) +
                           tx;
        uint4 quad[L::kColumns];
#pragma unroll
        for (int m = 0; m < L::kColumns; ++m) {
            if (tx + m * C::kThreadsX < L::kQuadsPerRow) {
                quad[m] = quadInside<C>(p, gx0, gy, tx, m) ? __ldg(src + m * C::kThreadsX)
                                                           : borderedQuad<C>(p, in, gx0, gy, tx, m);
            }
        }
        uint2* row = ring + q * C::kRowStride;
#pragma unroll
        for (int m = 0; m < L::kColumns; ++m) {
            if (tx + m * C::kThreadsX < L::kQuadsPerRow) {
                storeLaneQuad<C>(row, slot0, m, quad[m]);
            }
        }
    }
}

// Issues the asynchronous copies of the thread's quads of input row gy (its row of a tile's new
// rows) that lie inside the image into its staging slots; the others are left to landRow.
template <class C>
__device__ inline void copyRowAsync(uint4* staging, const ConvParams& p, const std::uint8_t* in,
                                    int gx0, int gy) {
    using L = LanesColumnLayout<C>;
    const int tx = static_cast<int>(threadIdx.x);
    const int ty = static_cast<int>(threadIdx.y);
    const uint4* src = reinterpret_cast<const uint4*>(
                           rowPointer(in, p.inPitch, min(max(gy, 0), p.height - 1)) + gx0) +
                       tx;
    uint4* dst = staging + ty * L::kQuadsPerRow + tx;
#pragma unroll
    for (int m = 0; m < L::kColumns; ++m) {
        if (tx + m * C::kThreadsX < L::kQuadsPerRow && quadInside<C>(p, gx0, gy, tx, m)) {
            __pipeline_memcpy_async(dst + m * C::kThreadsX, src + m * C::kThreadsX, sizeof(uint4));
        }
    }
    __pipeline_commit();
}

// Waits for the thread's own copies, then splits its quads of input row gy into the ring row at
// `slot`: copied quads from its staging slots, the others through the border rule.
template <class C>
__device__ inline void landRow(uint2* ring, int slot, const uint4* staging, const ConvParams& p,
                               const std::uint8_t* in, int gx0, int gy) {
    using L = LanesColumnLayout<C>;
    const int tx = static_cast<int>(threadIdx.x);
    const int ty = static_cast<int>(threadIdx.y);
    __pipeline_wait_prior(0);
    const uint4* src = staging + ty * L::kQuadsPerRow + tx;
    uint2* row = ring + slot * C::kRowStride;
    const int slot0 = C::physical(4 * tx);
#pragma unroll
    for (int m = 0; m < L::kColumns; ++m) {
        if (tx + m * C::kThreadsX < L::kQuadsPerRow) {
            const uint4 v = quadInside<C>(p, gx0, gy, tx, m)
                                ? src[m * C::kThreadsX]
                                : borderedQuad<C>(p, in, gx0, gy, tx, m);
            storeLaneQuad<C>(row, slot0, m, v);
        }
    }
}

// Resident blocks per SM the column kernel's register budget allows: kNarrowBlocks (6: 40
// registers, 5: 48) where the per-tile kernel holds 6, else the per-tile kernel's 4.
template <int KW, bool kFlush, int kNarrowBlocks>
inline constexpr int kColumnMinBlocks =
    LanesConfig<KW, kFlush>::kMinBlocks == 6 ? kNarrowBlocks : LanesConfig<KW, kFlush>::kMinBlocks;

// Block (bx, by) computes tiles by * steps ... (by + 1) * steps - 1 (those inside the image) of
// column strip bx, each kThreadsY output rows of kOutW outputs as in lanesConvKernel.
template <int KW, bool kAlpha, bool kFlush, int kNarrowBlocks, class Store>
__global__ void __launch_bounds__(LanesConfig<KW, kFlush>::kThreads,
                                  kColumnMinBlocks<KW, kFlush, kNarrowBlocks>)
    lanesColumnKernel(const __grid_constant__ ConvParams p, const __grid_constant__ LaneTaps taps,
                      const std::uint8_t* __restrict__ in, Store out, int steps) {
    using C = LanesConfig<KW, kFlush>;
    using L = LanesColumnLayout<C>;
    constexpr int kOutputs = C::kOutputs;
    constexpr int kTY = C::kThreadsY;
    extern __shared__ uint4 columnShared[];  // uint4: the pair reads need 16-byte alignment
    const int ry = p.kernelHeight / 2;
    const int ringRows = L::ringRows(p.kernelHeight);
    uint2* ring = reinterpret_cast<uint2*>(columnShared);
    uint4* staging = columnShared + ringRows * (C::kRowStride / 2);

    const int tileRows = ceilDiv(p.height, kTY);
    const int firstTile = static_cast<int>(blockIdx.y) * steps;
    const int tiles = min(steps, tileRows - firstTile);
    const int x0 = static_cast<int>(blockIdx.x) * C::kOutW;
    const int gx0 = x0 - C::kHalo;
    const int y0 = firstTile * kTY;
    const int gyTop = y0 - ry;  // input row of strip row 0

    // The first tile's rows, then the second tile's new rows in flight. Tile s's new rows are
    // strip rows s kTY + 2 ry + ty (input rows gyTop + those), one per thread row.
    const int tx = static_cast<int>(threadIdx.x);
    const int ty = static_cast<int>(threadIdx.y);
    stageFirstRows<C>(ring, ringRows, p, in, gx0, gyTop);
    if (tiles > 1) {
        copyRowAsync<C>(staging, p, in, gx0, gyTop + ringRows + ty);
    }
    __syncthreads();

    constexpr int kOff = C::kHalo - C::kRadiusX;
    constexpr int kWindow = kOutputs + KW - 1;
    constexpr int kFirst = kOff & ~1;
    constexpr int kPairs = (kOff + kWindow - kFirst + 1) / 2;
    const int gx = x0 + tx * kOutputs;
    int base = 0;  // ring slot of strip row s kTY: (s kTY) mod ringRows, kept without a division
    for (int s = 0; s < tiles; ++s) {
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
        // Output row y0 + s kTY + ty reads strip rows s kTY + ty + ky.
        const int first = base + ty < ringRows ? base + ty : base + ty - ringRows;
        int slot = first;
        for (int ky = 0; ky < p.kernelHeight; ++ky) {
            const uint2* row = ring + slot * C::kRowStride + tx * C::kGroupStride;
            slot = slot + 1 == ringRows ? 0 : slot + 1;
            int w[KW];
#pragma unroll
            for (int kx = 0; kx < KW; ++kx) {
                w[kx] = taps.w[ky * KW + kx];
            }
#pragma unroll
            for (int pair = 0; pair < kPairs; ++pair) {
                const int column = kFirst + 2 * pair;
                const uint4 v = *reinterpret_cast<const uint4*>(row + C::physical(column));
#pragma unroll
                for (int h = 0; h < 2; ++h) {
                    const int j = column + h - kOff;
                    if (j < 0 || j >= kWindow) {
                        continue;
                    }
                    const unsigned vrb = h == 0 ? v.x : v.z;
                    const unsigned vga = h == 0 ? v.y : v.w;
#pragma unroll
                    for (int o = 0; o < kOutputs; ++o) {
                        const int kx = j - o;
                        if (kx >= 0 && kx < KW) {
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

        // Finished and stored 4 outputs at a time: the loop's state stays live across the
        // post-op, and 8 float4 accumulators at once would not fit the register budget.
        const int gy = y0 + s * kTY + ty;
        if (gy < p.height && gx < p.width) {
#pragma unroll
            for (int half = 0; half < kOutputs / 4; ++half) {
                float4 acc[4];
#pragma unroll
                for (int i = 0; i < 4; ++i) {
                    const int o = 4 * half + i;
                    if constexpr (kFlush) {
                        acc[i] = make_float4(
                            laneSum(sums[o][0], taps.base), laneSum(sums[o][1], taps.base),
                            laneSum(sums[o][2], taps.base), laneSum(sums[o][3], taps.base));
                    } else {
                        acc[i] = make_float4(laneSum(rb[o] & 0xFFFFu, taps.base),
                                             laneSum(ga[o] & 0xFFFFu, taps.base),
                                             laneSum(rb[o] >> 16, taps.base),
                                             laneSum(ga[o] >> 16, taps.base));
                    }
                }
                const int gxHalf = gx + 4 * half;
                if (gxHalf < p.width) {
                    unsigned packed[4];
                    finishAll<kAlpha>(acc, packed, p);
                    storeRowOutputs(packed, p, in, out, gxHalf, gy);
                }
            }
        }

        if (s + 1 < tiles) {
            // Tile s + 1's new rows (strip rows (s + 1) kTY + 2 ry + ty, congruent to s kTY + ty
            // modulo ringRows) replace the oldest kTY rows of the ring, at the slots this thread
            // read first; every thread must have finished reading them.
            __syncthreads();
            const int gy = gyTop + (s + 1) * kTY + 2 * ry + ty;
            landRow<C>(ring, first, staging, p, in, gx0, gy);
            if (s + 2 < tiles) {
                copyRowAsync<C>(staging, p, in, gx0, gy + kTY);
            }
            __syncthreads();
        }
        base = base + kTY < ringRows ? base + kTY : base + kTY - ringRows;
    }
}

}  // namespace convis::device
