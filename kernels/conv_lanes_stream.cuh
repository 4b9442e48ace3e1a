// Packed-lane integer convolution streamed through registers: each warp walks down a column strip
// 128 pixels wide, one 16-byte asynchronous copy per lane and row into the warp's stage, the
// horizontal halo from the neighbour lanes by shuffles, KH sliding accumulator rows; no tile and
// no barrier. For small kernels whose taps fit one lane group (LaneTaps::flushRows == 0); the tile
// kernel (conv_lanes.cuh) keeps the rest. Same lane arithmetic, post-op and store as
// lanesConvKernel, so the same bytes.
#pragma once

#include "async_copy.cuh"
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
    // Rows whose copies are in flight while one row is computed, and the staged rows a warp
    // keeps: those, the row being computed, and the KH / 2 rows above it (the centre of the
    // output row that row completes, for the channel merge).
    static constexpr int kAhead = 3;
    static constexpr int kStaged = kAhead + 1 + KH / 2;
    // Blocks per SM the register budget must allow: 5 (96 registers, 20 warps).
    static constexpr int kMinBlocks = 5;
};

// A warp's staged input rows: each lane's 4 pixels and, on lanes 0 and 31, the halo pixels
// beyond the strip. Filled by asynchronous copies kAhead rows ahead of their use: plain loads
// issued ahead were moved by the compiler next to their use (read-only loads may be), and rows
// held in registers cost the sums their room. Each lane reads back only what it copied.
template <class C>
struct StreamStage {
    uint4 own[C::kStaged][32];
    unsigned extra[C::kStaged][2][C::kExtra];  // [row][lane 0 or 31][k]
};

// One input row as a lane holds it: its 4 pixels and, on lanes 0 and 31, the halo pixels beyond
// the strip (left of it on lane 0, right of it on lane 31).
template <int kExtra>
struct StreamRow {
    uint4 own;
    unsigned extra[kExtra];
};

// Starts the copies of input row y (any integer: rows outside the image go through the border
// mode, and a Zero border gives zeros) into stage slot `slot`, then closes the row's group.
// xOwn: the lane's first pixel; extraColumn: the columns of its halo pixels (-1: zero, or not a
// halo lane). kEdge: the strip reaches past the right edge, so the own pixels are copied one by
// one through the border mode too.
template <class C, bool kEdge>
__device__ inline void stageStreamRow(StreamStage<C>& stage, int slot, const ConvParams& p,
                                      const std::uint8_t* in, int y, int xOwn,
                                      const int (&extraColumn)[C::kExtra], int lane) {
    const int sy = remapIndex(y, p.height, p.border);
    uint4* own = &stage.own[slot][lane];
    unsigned* extra = lane == 0 ? stage.extra[slot][0] : stage.extra[slot][1];
    const bool haloLane = lane == 0 || lane == 31;
    if (sy < 0) {
        *own = make_uint4(0u, 0u, 0u, 0u);
        if (haloLane) {
#pragma unroll
            for (int k = 0; k < C::kExtra; ++k) {
                extra[k] = 0u;
            }
        }
    } else {
        const auto* src = reinterpret_cast<const unsigned*>(rowPointer(in, p.inPitch, sy));
        if constexpr (!kEdge) {
            copyAsync(own, src + xOwn, 16);
        } else {
            unsigned* word = reinterpret_cast<unsigned*>(own);
#pragma unroll
            for (int i = 0; i < 4; ++i) {
                const int sx = remapIndex(xOwn + i, p.width, p.border);
                if (sx >= 0) {
                    copyAsync(word + i, src + sx, 4);
                } else {
                    word[i] = 0u;
                }
            }
        }
        if (C::kRadiusX > 0 && haloLane) {
#pragma unroll
            for (int k = 0; k < C::kExtra; ++k) {
                if (extraColumn[k] >= 0) {
                    copyAsync(extra + k, src + extraColumn[k], 4);
                } else {
                    extra[k] = 0u;
                }
            }
        }
    }
    copyCommit();
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
__device__ inline void streamStrip(StreamStage<LanesStreamConfig<KW, KH, S>>& stage,
                                   const ConvParams& p, const LaneTaps& taps,
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

    // The staged rows, a ring indexed by row % kStaged: row t + D is copied while row t is
    // computed.
#pragma unroll
    for (int i = 0; i < D; ++i) {
        stageStreamRow<C, kEdge>(stage, i, p, in, yFirst + i, xOwn, extraColumn, lane);
    }
    const unsigned mask = filteredByteMask(p);
    // sums[s]: output row q with q % KH == s, both lane words of each of the 4 outputs. Row q
    // starts (bias + its first products, assigned) at input row q, so no slot is ever reset;
    // the slots of the start-up's rows before 0 only collect stray products, never stored.
    const unsigned bias = taps.groupBias[0];
    unsigned sums[KH][4][2] = {};
    int slot = 0;  // stage slot of row t: t % kStaged

    for (int t0 = 0; t0 < inRows; t0 += KH) {
#pragma unroll
        for (int j = 0; j < KH; ++j) {
            const int t = t0 + j;  // t % KH == j: t0 is a multiple of KH
            if (t >= inRows) {
                break;
            }
            // Copies past the last row too (harmless, through the border mode): the groups in
            // flight stay uniform, so row t has landed once at most D are pending.
            const int ahead = slot + D < C::kStaged ? slot + D : slot + D - C::kStaged;
            stageStreamRow<C, kEdge>(stage, ahead, p, in, yFirst + t + D, xOwn, extraColumn, lane);
            copyWait<D>();
            StreamRow<kExtra> cur;
            cur.own = stage.own[slot][lane];
#pragma unroll
            for (int k = 0; k < kExtra; ++k) {
                cur.extra[k] = stage.extra[slot][lane == 0 ? 0 : 1][k];
            }
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
            // Output row t - (KH - 1) has all its rows now; its centre is input row t - KH / 2,
            // still staged.
            const int done = (j + 1) % KH;
            const int q = t - (KH - 1);
            if (q >= 0 && (!kEdge || xOwn < p.width)) {
                const int centreSlot = slot >= KH / 2 ? slot - KH / 2 : slot - KH / 2 + C::kStaged;
                const uint4 centre = stage.own[centreSlot][lane];
                finishStreamRow<M, kAlpha, kEdge>(sums[done], taps, p, mask, centre, out, xOwn,
                                                  y0 + q);
            }
            slot = slot + 1 == C::kStaged ? 0 : slot + 1;
        }
    }
    copyWait<0>();  // no copy outlives the block's memory
}

// One warp's strip: the interior walk, or the edge walk for the strip that reaches past the
// right edge (uniform per warp).
template <int KW, int KH, int S, bool kAlpha, FinishMode M, class Store>
__device__ inline void streamStripAt(StreamStage<LanesStreamConfig<KW, KH, S>>& stage,
                                     const ConvParams& p, const LaneTaps& taps,
                                     const std::uint8_t* __restrict__ in, const Store& out) {
    constexpr int kStripW = LanesStreamConfig<KW, KH, S>::kStripW;
    const int x0 = (static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x) / 32) * kStripW;
    if (x0 + kStripW <= p.width) {
        streamStrip<KW, KH, S, kAlpha, M, false>(stage, p, taps, in, out);
    } else {
        streamStrip<KW, KH, S, kAlpha, M, true>(stage, p, taps, in, out);
    }
}

// The post-op is chosen once per warp (uniform branches), each choice a separate copy of the
// strip walk, so the row loop holds one post-op and no mode tests.
template <int KW, int KH, int S, bool kAlpha, class Store>
__global__ void __launch_bounds__(LanesStreamConfig<KW, KH, S>::kThreads,
                                  LanesStreamConfig<KW, KH, S>::kMinBlocks)
    lanesStreamKernel(const __grid_constant__ ConvParams p, const __grid_constant__ LaneTaps taps,
                      const std::uint8_t* __restrict__ in, Store out) {
    using C = LanesStreamConfig<KW, KH, S>;
    // One stage per warp, declared here once for every post-op's copy of the walk.
    __shared__ StreamStage<C> stages[C::kThreads / 32];
    StreamStage<C>& stage = stages[threadIdx.x / 32];
    if (p.finishUnclamped) {
        if (p.absolute) {
            streamStripAt<KW, KH, S, kAlpha, FinishMode::IntegerUnclampedAbs>(stage, p, taps, in,
                                                                              out);
        } else {
            streamStripAt<KW, KH, S, kAlpha, FinishMode::IntegerUnclamped>(stage, p, taps, in, out);
        }
    } else if (p.absolute) {
        streamStripAt<KW, KH, S, kAlpha, FinishMode::IntegerAbs>(stage, p, taps, in, out);
    } else {
        streamStripAt<KW, KH, S, kAlpha, FinishMode::Integer>(stage, p, taps, in, out);
    }
}

}  // namespace convis::device
