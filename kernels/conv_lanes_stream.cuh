// Packed-lane integer convolution streamed through registers: each warp walks down a column strip
// 128 pixels wide, one 16-byte load per lane and row, the horizontal halo from the neighbour lanes
// by shuffles, KH sliding accumulator rows; no shared memory and no barrier. For small kernels
// whose taps fit one lane group (LaneTaps::flushRows == 0); the tile kernel (conv_lanes.cuh) keeps
// the rest. Same lane arithmetic, post-op and store as lanesConvKernel, so the same bytes.
#pragma once

#include "conv_lanes.cuh"

namespace convis::device {

template <int KW, int KH, int S>
struct LanesStreamConfig {
    static constexpr FastBlockShape kShape = lanesStreamShape(S);
    static_assert(kShape.outputsX == 4 && kShape.threadsY == 1 && kShape.threadsX % 32 == 0 &&
                  kShape.outputsY == S);
    static constexpr int kThreads = kShape.threadsX;
    static constexpr int kStripW = 32 * kShape.outputsX;  // pixels a warp covers along x
    static constexpr int kRadiusX = KW / 2;
    static constexpr int kExtra = kRadiusX > 0 ? kRadiusX : 1;  // halo words of lanes 0 and 31
    static constexpr int kWindow = 4 + 2 * kRadiusX;            // pixels a lane's outputs read
    // Rows whose loads are in flight while one row is computed (at most KH: the ring's size).
    static constexpr int kAhead = KH < 2 ? KH : 2;
    // Blocks per SM the register budget must allow: 5 (96 registers, 20 warps); 6 (80
    // registers) spilled.
    static constexpr int kMinBlocks = 5;
};

// One input row as a lane holds it: its 4 pixels and, on lanes 0 and 31, the halo pixels beyond
// the strip (left of it on lane 0, right of it on lane 31).
template <int kExtra>
struct StreamRow {
    uint4 own;
    unsigned extra[kExtra];
};

// Loads input row y (any integer: rows outside the image go through the border mode, and a Zero
// border gives zeros). xOwn: the lane's first pixel; extraColumn: the columns of its halo pixels
// (-1: zero, or not a halo lane). kEdge: the strip reaches past the right edge, so the own pixels
// are loaded one by one through the border mode too.
template <int kRadiusX, bool kEdge, int kExtra>
__device__ inline void loadStreamRow(StreamRow<kExtra>& row, const ConvParams& p,
                                     const std::uint8_t* in, int y, int xOwn,
                                     const int (&extraColumn)[kExtra]) {
    const int sy = remapIndex(y, p.height, p.border);
    if (sy < 0) {
        row.own = make_uint4(0u, 0u, 0u, 0u);
#pragma unroll
        for (int k = 0; k < kExtra; ++k) {
            row.extra[k] = 0u;
        }
        return;
    }
    const auto* src = reinterpret_cast<const unsigned*>(rowPointer(in, p.inPitch, sy));
    if constexpr (!kEdge) {
        row.own = __ldg(reinterpret_cast<const uint4*>(src + xOwn));
    } else {
        unsigned v[4];
#pragma unroll
        for (int i = 0; i < 4; ++i) {
            const int sx = remapIndex(xOwn + i, p.width, p.border);
            v[i] = sx >= 0 ? __ldg(src + sx) : 0u;
        }
        row.own = make_uint4(v[0], v[1], v[2], v[3]);
    }
    if constexpr (kRadiusX > 0) {
#pragma unroll
        for (int k = 0; k < kExtra; ++k) {
            row.extra[k] = extraColumn[k] >= 0 ? __ldg(src + extraColumn[k]) : 0u;
        }
    }
}

// laneSum of the low and of the high 16-bit lane of a word: one PRMT builds the float bits
// 0x4B00_0000 | lane (where v & 0xFFFF and the OR would take two instructions).
__device__ inline float laneSumLow(unsigned v, float base) {
    return __uint_as_float(__byte_perm(v, 0x4B000000u, 0x7410u)) - base;
}
__device__ inline float laneSumHigh(unsigned v, float base) {
    return __uint_as_float(__byte_perm(v, 0x4B000000u, 0x7432u)) - base;
}

// A finished output row of the lane's 4 outputs: exact sums as floats, the post-op, the channel
// merge with the input pixels at the outputs (centre: the lane's own pixels of that row, still in
// registers) and the store; the same bytes as lanesConvKernel's finish.
template <FinishMode M, bool kAlpha, bool kEdge, class Store>
__device__ inline void finishStreamRow(const unsigned (&sums)[4][2], const LaneTaps& taps,
                                       const ConvParams& p, unsigned mask, const uint4& centre,
                                       const Store& out, int gx, int gy) {
    float4 acc[4];
#pragma unroll
    for (int o = 0; o < 4; ++o) {
        acc[o] =
            make_float4(laneSumLow(sums[o][0], taps.base), laneSumLow(sums[o][1], taps.base),
                        laneSumHigh(sums[o][0], taps.base), laneSumHigh(sums[o][1], taps.base));
    }
    unsigned packed[4];
    finishAllAs<M, kAlpha>(acc, packed, p);
    const unsigned original[4] = {centre.x, centre.y, centre.z, centre.w};
#pragma unroll
    for (int o = 0; o < 4; ++o) {
        packed[o] = mergeChannels(packed[o], original[o], mask);
    }
    if (kEdge && gx + 4 > p.width) {
#pragma unroll
        for (int o = 0; o < 4; ++o) {
            if (gx + o < p.width) {
                out.storePixel(gx + o, gy, unpackPixel(packed[o]));
            }
        }
    } else {
        out.storeQuad(gx, gy, make_uint4(packed[0], packed[1], packed[2], packed[3]));
    }
}

// One warp's strip with post-op M (one of the integer modes: the launcher requires
// ConvParams::integerFinish, so the kernel holds four post-ops, not all nine).
template <int KW, int KH, int S, bool kAlpha, FinishMode M, bool kEdge, class Store>
__device__ inline void streamStrip(const ConvParams& p, const LaneTaps& taps,
                                   const std::uint8_t* __restrict__ in, const Store& out) {
    using C = LanesStreamConfig<KW, KH, S>;
    constexpr int R = C::kRadiusX;
    constexpr int kExtra = C::kExtra;
    constexpr int D = C::kAhead;
    constexpr int RY = KH / 2;
    constexpr unsigned kFull = 0xFFFFFFFFu;
    const int lane = static_cast<int>(threadIdx.x) % 32;
    const int warp = static_cast<int>(threadIdx.x) / 32;
    const int x0 = (static_cast<int>(blockIdx.x) * (C::kThreads / 32) + warp) * C::kStripW;
    const int y0 = static_cast<int>(blockIdx.y) * S;
    if (x0 >= p.width) {
        return;  // the whole warp: shuffles below need every lane of the ones that go on
    }
    const int outRows = min(S, p.height - y0);
    const int inRows = outRows + KH - 1;
    const int xOwn = x0 + 4 * lane;
    // Lanes 0 and 31 load the halo beyond the strip: the border-remapped columns, -1 where
    // they read zero and on the other lanes.
    int extraColumn[kExtra];
#pragma unroll
    for (int k = 0; k < kExtra; ++k) {
        const int sx = remapIndex(lane == 0 ? x0 - R + k : x0 + C::kStripW + k, p.width, p.border);
        extraColumn[k] = lane == 0 || lane == 31 ? sx : -1;
    }
    const int yFirst = y0 - RY;  // input row t is yFirst + t

    // The rows in flight, a ring indexed by row % KH (the row loop is unrolled by KH, so every
    // index is a compile-time constant and no row is ever moved between registers): row t + D
    // is loaded while row t is computed.
    StreamRow<kExtra> rows[KH];
#pragma unroll
    for (int i = 0; i < D; ++i) {
        if (i < inRows) {
            loadStreamRow<R, kEdge>(rows[i], p, in, yFirst + i, xOwn, extraColumn);
        }
    }
    // The own pixels of the last rows, by row % KH: the pixels at an output row's outputs (its
    // input row t - KH / 2), for the channels the request leaves alone.
    uint4 centres[KH];
    const unsigned mask = filteredByteMask(p);
    // sums[s]: output row q with q % KH == s, both lane words of each of the 4 outputs. Row q
    // starts (bias + its first products, assigned) at input row q, so no slot is ever reset;
    // the slots of the start-up's rows before 0 only collect stray products, never stored.
    const unsigned bias = taps.groupBias[0];
    unsigned sums[KH][4][2] = {};

    for (int t0 = 0; t0 < inRows; t0 += KH) {
#pragma unroll
        for (int j = 0; j < KH; ++j) {
            const int t = t0 + j;  // t % KH == j: t0 is a multiple of KH
            if (t >= inRows) {
                break;
            }
            const StreamRow<kExtra> cur = rows[j];
            if (t + D < inRows) {
                loadStreamRow<R, kEdge>(rows[(j + D) % KH], p, in, yFirst + t + D, xOwn,
                                        extraColumn);
            }
            centres[j] = cur.own;
            // The lane's window: R pixels of lane - 1 (lane 0: its halo loads), its own 4,
            // R pixels of lane + 1 (lane 31: its halo loads).
            const unsigned own[4] = {cur.own.x, cur.own.y, cur.own.z, cur.own.w};
            unsigned window[C::kWindow];
#pragma unroll
            for (int k = 0; k < R; ++k) {
                const unsigned left = __shfl_up_sync(kFull, own[4 - R + k], 1);
                const unsigned right = __shfl_down_sync(kFull, own[k], 1);
                window[k] = lane == 0 ? cur.extra[k] : left;
                window[4 + R + k] = lane == 31 ? cur.extra[k] : right;
            }
#pragma unroll
            for (int i = 0; i < 4; ++i) {
                window[R + i] = own[i];
            }
            unsigned rb[C::kWindow];
            unsigned ga[C::kWindow];
#pragma unroll
            for (int i = 0; i < C::kWindow; ++i) {
                rb[i] = lanesRB(window[i]);
                ga[i] = lanesGA(window[i]);
            }
            // Row t adds tap row ky into output row t - ky, slot (t - ky) % KH.
#pragma unroll
            for (int ky = 0; ky < KH; ++ky) {
                constexpr int kBig = 8 * KH;  // keeps the left operand of % non-negative
                const int s = (j - ky + kBig) % KH;
#pragma unroll
                for (int kx = 0; kx < KW; ++kx) {
                    // Modulo 2^32: a negative tap borrows across lanes only transiently.
                    const auto w = static_cast<unsigned>(taps.w[ky * KW + kx]);
#pragma unroll
                    for (int o = 0; o < 4; ++o) {
                        const unsigned startRB = ky == 0 && kx == 0 ? bias : sums[s][o][0];
                        const unsigned startGA = ky == 0 && kx == 0 ? bias : sums[s][o][1];
                        sums[s][o][0] = startRB + w * rb[o + kx];
                        sums[s][o][1] = startGA + w * ga[o + kx];
                    }
                }
            }
            // Output row t - (KH - 1) has all its rows now.
            const int done = (j + 1) % KH;
            const int q = t - (KH - 1);
            const uint4 centre = centres[(j + KH - KH / 2) % KH];
            if (q >= 0 && (!kEdge || xOwn < p.width)) {
                finishStreamRow<M, kAlpha, kEdge>(sums[done], taps, p, mask, centre, out, xOwn,
                                                  y0 + q);
            }
        }
    }
}

// One warp's strip: the interior walk, or the edge walk for the strip that reaches past the
// right edge (uniform per warp).
template <int KW, int KH, int S, bool kAlpha, FinishMode M, class Store>
__device__ inline void streamStripAt(const ConvParams& p, const LaneTaps& taps,
                                     const std::uint8_t* __restrict__ in, const Store& out) {
    constexpr int kStripW = LanesStreamConfig<KW, KH, S>::kStripW;
    const int x0 = (static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x) / 32) * kStripW;
    if (x0 + kStripW <= p.width) {
        streamStrip<KW, KH, S, kAlpha, M, false>(p, taps, in, out);
    } else {
        streamStrip<KW, KH, S, kAlpha, M, true>(p, taps, in, out);
    }
}

// The post-op is chosen once per warp (uniform branches), each choice a separate copy of the
// strip walk, so the row loop holds one post-op and no mode tests.
template <int KW, int KH, int S, bool kAlpha, class Store>
__global__ void __launch_bounds__(LanesStreamConfig<KW, KH, S>::kThreads,
                                  LanesStreamConfig<KW, KH, S>::kMinBlocks)
    lanesStreamKernel(const __grid_constant__ ConvParams p, const __grid_constant__ LaneTaps taps,
                      const std::uint8_t* __restrict__ in, Store out) {
    if (p.finishUnclamped) {
        if (p.absolute) {
            streamStripAt<KW, KH, S, kAlpha, FinishMode::IntegerUnclampedAbs>(p, taps, in, out);
        } else {
            streamStripAt<KW, KH, S, kAlpha, FinishMode::IntegerUnclamped>(p, taps, in, out);
        }
    } else if (p.absolute) {
        streamStripAt<KW, KH, S, kAlpha, FinishMode::IntegerAbs>(p, taps, in, out);
    } else {
        streamStripAt<KW, KH, S, kAlpha, FinishMode::Integer>(p, taps, in, out);
    }
}

}  // namespace convis::device
