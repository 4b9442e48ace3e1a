// Fused separable convolution on the tensor cores: both passes of a rank-1 kernel as banded
// matrix products (mma.sync m16n8k16, FP16 operands, FP32 sums). Each warp walks down a strip
// 8 pixels wide, 8 rows a step; the row sums never leave the thread that computed them, because
// the row pass's result fragment is exactly the column pass's operand fragment (below).
#pragma once

#include <cuda_fp16.h>

#include "mma_fragments.cuh"

namespace convis::device {

// Row pass of one step: the product of mma_fragments.cuh with n = image row of the step, for
// input block o + d of the warp's output block o (d = -kReach .. kReach). Its D gives lane (g, q)
// output pixel g, R and B (and G and A from the second product), at rows 2q and 2q + 1. The
// column pass is the same product down the strip with n = image column: its B fragment at lane
// (g, q) needs rows 2q, 2q + 1 of column g, R and B packed, which is what the same lane's
// row-pass D holds. Its D gives the lane output row g, columns 2q, 2q + 1, all four channels
// from the two products: one 8-byte store.
//
// Pixel bytes become FP16 without a conversion: the byte permute writes 0x64 above each byte,
// the half 1024 + v, exact. The row pass starts its sums at -1024 x (sum of the FP16 row taps),
// exact too (a sum of FP16 values below 1 is a multiple of 2^-24 below 1), so the bias cancels.
// What is rounded: the taps to FP16 and the row sums to FP16 between the passes; the plan
// (tensorSeparableError, backends/cuda_tensor_bound.hpp) bounds the result's error from the actual
// taps and takes this path only where the bound keeps every output within 1 of the reference (exact
// for integer factors whose row sums stay below 2048).
// Kernels are compiled per band reach (tensorReach, launch.hpp), not per length: the radius
// itself only shapes the A fragments, built once per thread.

template <int Reach>
struct MmaSeparableConfig {
    static constexpr int kReach = Reach;
    static constexpr int kBand = 2 * kReach + 1;  // input blocks per output block
    static constexpr FastBlockShape kShape = tensorSeparableShape();
    static constexpr int kWarps = kShape.threadsX * kShape.threadsY / 32;
    static constexpr int kThreads = 32 * kWarps;
    static constexpr int kStripW = 8 * kWarps;  // output columns of a block, 8 per warp
    // 5 blocks of 4 warps: up to 102 registers, no spills at either reach.
    static constexpr int kMinBlocks = 5;
};

// One step's input for the lane: pixels 2q, 2q + 1 of each input block of the band in its image
// row (through the border mode).
template <class C>
struct BandPixels {
    uint2 pair[C::kBand];
};

// Where a warp stages its input: kStages steps of kBand pixel pairs per lane, filled by
// asynchronous copies kStages - 1 steps ahead of their use. Plain loads a step ahead were moved
// by the compiler next to their first use (read-only loads may be), which left the warps waiting
// for memory half of the time; copies to shared memory cannot be moved that way. Each lane reads
// back only what it copied, so waiting for its own copies is enough (no barrier).
template <class C>
struct BandStage {
    static constexpr int kStages = 3;
    uint2 pair[kStages][C::kBand][32];
};

// Starts the copies of image row `row` for the lane into stage slot `slot` (stageRowBand),
// then closes the step's group (an empty one past the strip, so the count of groups in flight
// stays fixed).
template <class C>
__device__ inline void stageBand(BandStage<C>& stage, int slot, const ConvParams& p,
                                 const std::uint8_t* in, int x0, int row, bool interior, int lane) {
    stageRowBand<C::kBand>(&stage.pair[slot][0][lane], p, in, x0 - 8 * C::kReach, row, interior,
                           lane);
    copyCommit();
}

// The lane's pixels of stage slot `slot`, once its copies have landed (all but the newest
// kStages - 2 groups).
template <class C>
__device__ inline BandPixels<C> readBand(const BandStage<C>& stage, int slot, int lane) {
    copyWait<BandStage<C>::kStages - 2>();
    BandPixels<C> band;
#pragma unroll
    for (int d = 0; d < C::kBand; ++d) {
        band.pair[d] = stage.pair[slot][d][lane];
    }
    return band;
}

// The row pass of one step: the lane's row sums (rows 2q, 2q + 1 of output column g) as the
// column pass's operands: x = R|B of row 2q, y = R|B of row 2q + 1, z and w the same for G|A.
template <class C>
__device__ inline uint4 rowPass(const BandPixels<C>& band, const uint4 (&rowA)[C::kBand],
                                float rowBias) {
    float rb[4];
    float ga[4];
    mmaStart(rb, rowA[0], biasedRB(band.pair[0].x), biasedRB(band.pair[0].y), rowBias);
    mmaStart(ga, rowA[0], biasedGA(band.pair[0].x), biasedGA(band.pair[0].y), rowBias);
#pragma unroll
    for (int d = 1; d < C::kBand; ++d) {
        const uint2 pixels = band.pair[d];
        mmaAccumulate(rb, rowA[d], biasedRB(pixels.x), biasedRB(pixels.y));
        mmaAccumulate(ga, rowA[d], biasedGA(pixels.x), biasedGA(pixels.y));
    }
    return make_uint4(halfPair(rb[0], rb[2]), halfPair(rb[1], rb[3]), halfPair(ga[0], ga[2]),
                      halfPair(ga[1], ga[3]));
}

// Stores the lane's two outputs (row gy, columns gx, gx + 1), merging copied channels from
// the input where the mask says so.
template <bool kAlpha, class Finish>
__device__ inline void storeOutputs(const float (&rb)[4], const float (&ga)[4], const ConvParams& p,
                                    const std::uint8_t* in, const GlobalStore& out, unsigned mask,
                                    int gx, int gy) {
    if (gy >= p.height || gx >= p.width) {
        return;
    }
    const float4 acc[2] = {make_float4(rb[0], ga[0], rb[2], ga[2]),
                           make_float4(rb[1], ga[1], rb[3], ga[3])};
    unsigned packed[2];
    Finish::template apply<kAlpha>(acc, packed, p);
    if (mask == 0xFFFFFFFFu && gx + 1 < p.width) {
        out.storePair(gx, gy, make_uint2(packed[0], packed[1]));
        return;
    }
#pragma unroll
    for (int o = 0; o < 2; ++o) {
        if (gx + o < p.width) {
            unsigned value = packed[o];
            if (mask != 0xFFFFFFFFu) {
                value = mergeChannels(value, packPixel(loadPixel(in, p.inPitch, gx + o, gy)), mask);
            }
            out.storePixel(gx + o, gy, unpackPixel(value));
        }
    }
}

// Step s at `phase` = s mod kBand (a constant in the unrolled loop): the row pass of row block
// s - kReach into ring slot `phase`, then, once the band below is complete, the column pass of
// output block u = s - 2 kReach, whose row blocks u - kReach .. u + kReach were computed at steps
// s - 2 kReach .. s, in slots (phase - 2 kReach + d) mod kBand, d = 0 .. 2 kReach.
template <class C, bool kAlpha, class Finish>
__device__ __forceinline__ void separableStep(
    uint4 (&ring)[C::kBand], int phase, const BandPixels<C>& band, const uint4 (&rowA)[C::kBand],
    const uint4 (&columnA)[C::kBand], float rowBias, int s, const ConvParams& p,
    const std::uint8_t* in, const GlobalStore& out, unsigned mask, int gx, int y0, int lane) {
    ring[phase] = rowPass<C>(band, rowA, rowBias);
    if (s < 2 * C::kReach) {
        return;
    }
    // Row block u - kReach + d was computed at step s - 2 kReach + d: slot (phase + 1 + d) mod
    // kBand, as 2 kReach = kBand - 1.
    float rb[4];
    float ga[4];
    const uint4 first = ring[(phase + 1) % C::kBand];
    mmaStart(rb, columnA[0], first.x, first.y, 0.0f);
    mmaStart(ga, columnA[0], first.z, first.w, 0.0f);
#pragma unroll
    for (int d = 1; d < C::kBand; ++d) {
        const uint4 sums = ring[(phase + 1 + d) % C::kBand];
        mmaAccumulate(rb, columnA[d], sums.x, sums.y);
        mmaAccumulate(ga, columnA[d], sums.z, sums.w);
    }
    const int gy = y0 + 8 * (s - 2 * C::kReach) + (lane >> 2);
    storeOutputs<kAlpha, Finish>(rb, ga, p, in, out, mask, gx, gy);
}

// Everything one warp does after its set-up: step down the strip, the input of step s + 2
// copied while step s computes; the loop is unrolled by the ring's length, so every ring slot is
// a compile-time register.
template <class C, bool kAlpha, class Finish>
__device__ inline void walkStrip(BandStage<C>& stage, const uint4 (&rowA)[C::kBand],
                                 const uint4 (&columnA)[C::kBand], float rowBias, int steps,
                                 const ConvParams& p, const std::uint8_t* in,
                                 const GlobalStore& out, int x0, int y0, int lane) {
    constexpr int kStages = BandStage<C>::kStages;
    const bool interior = x0 - 8 * C::kReach >= 0 && x0 + 8 + 8 * C::kReach <= p.width;
    const unsigned mask = filteredByteMask(p);
    const int gx = x0 + 2 * (lane & 3);
    // Step s: row block s - kReach (image rows y0 + 8 (s - kReach) .. + 7; the lane loads row g).
    const int firstRow = y0 - 8 * C::kReach + (lane >> 2);
#pragma unroll
    for (int s = 0; s < kStages - 1; ++s) {
        stageBand<C>(stage, s, p, in, x0, firstRow + 8 * s, interior, lane);
    }
    int readSlot = 0;
    int writeSlot = kStages - 1;
    uint4 ring[C::kBand];
    for (int s0 = 0; s0 < steps; s0 += C::kBand) {
#pragma unroll
        for (int phase = 0; phase < C::kBand; ++phase) {
            const int s = s0 + phase;
            if (s < steps) {
                // Rows past the strip's last step are copied too (harmless, in the image or
                // through the border): it keeps the groups in flight uniform.
                stageBand<C>(stage, writeSlot, p, in, x0, firstRow + 8 * (s + kStages - 1),
                             interior, lane);
                const BandPixels<C> band = readBand<C>(stage, readSlot, lane);
                separableStep<C, kAlpha, Finish>(ring, phase, band, rowA, columnA, rowBias, s, p,
                                                 in, out, mask, gx, y0, lane);
                readSlot = readSlot + 1 == kStages ? 0 : readSlot + 1;
                writeSlot = writeSlot + 1 == kStages ? 0 : writeSlot + 1;
            }
        }
    }
    copyWait<0>();  // no copy outlives the block's memory
}

template <int Reach, bool kAlpha>
__global__ void __launch_bounds__(MmaSeparableConfig<Reach>::kThreads,
                                  MmaSeparableConfig<Reach>::kMinBlocks)
    tensorSeparableKernel(const __grid_constant__ ConvParams p,
                          const __grid_constant__ SeparableTaps taps, int stripRows,
                          const std::uint8_t* __restrict__ in, GlobalStore out) {
    using C = MmaSeparableConfig<Reach>;
    const int lane = static_cast<int>(threadIdx.x) & 31;
    const int warp = static_cast<int>(threadIdx.x) >> 5;
    const int x0 = static_cast<int>(blockIdx.x) * C::kStripW + 8 * warp;  // the warp's strip
    const int y0 = static_cast<int>(blockIdx.y) * stripRows;              // a multiple of 8
    if (x0 >= p.width) {
        return;  // a whole warp past the right edge (warp-uniform: no product is left short)
    }
    uint4 rowA[C::kBand];
    uint4 columnA[C::kBand];
    float tapSum = 0.0f;
#pragma unroll
    for (int d = 0; d < C::kBand; ++d) {
        rowA[d] = bandFragment(taps.row, taps.length, d - C::kReach, lane);
        columnA[d] = bandFragment(taps.column, taps.length, d - C::kReach, lane);
    }
    for (int k = 0; k < taps.length; ++k) {
        tapSum += __half2float(__float2half_rn(taps.row[k]));  // exact: see the header
    }
    const float rowBias = -1024.0f * tapSum;
    const int steps = (min(stripRows, p.height - y0) + 7) / 8 + 2 * C::kReach;
    __shared__ BandStage<C> stages[C::kWarps];
    BandStage<C>& stage = stages[warp];
    // The normalised float kernels (Gaussians) and exact integer ones get their post-op compiled
    // into the loop; the rest choose it per step.
    if (!p.integerFinish && p.finishUnclamped && p.reciprocal == 1.0f && p.offset == 0.0f &&
        !p.absolute) {
        walkStrip<C, kAlpha, FixedFinish<FinishMode::Plain>>(stage, rowA, columnA, rowBias, steps,
                                                             p, in, out, x0, y0, lane);
    } else if (p.integerFinish && p.finishUnclamped && !p.absolute) {
        walkStrip<C, kAlpha, FixedFinish<FinishMode::IntegerUnclamped>>(
            stage, rowA, columnA, rowBias, steps, p, in, out, x0, y0, lane);
    } else {
        walkStrip<C, kAlpha, ChosenFinish>(stage, rowA, columnA, rowBias, steps, p, in, out, x0, y0,
                                           lane);
    }
}

}  // namespace convis::device
