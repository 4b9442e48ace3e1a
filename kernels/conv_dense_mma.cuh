// Small dense (not rank-1) kernels on the tensor cores: each of the KH kernel rows is a banded
// matrix product over the input row it reads (the mapping of mma_fragments.cuh), all summed in
// FP32. Integer taps only, where every product and sum is exact (integer taps up to 2048 in FP16,
// biased bytes 1024 + v, sums below 2^24): bit-identical to the reference. Each warp walks down a
// strip 8 pixels wide, 8 output rows a step. Its input rows arrive by asynchronous copies two
// steps ahead; each lane converts the pixels it copied to FP16 pairs once, into a ring of three
// row blocks the whole warp reads. Two input blocks offset by half a block (pixels -4 .. 11 of
// the strip) cover kernels up to 9 wide with 2 products per kernel row and channel pair.
#pragma once

#include "mma_fragments.cuh"

namespace convis::device {

template <int KH>
struct MmaDenseConfig {
    static_assert(KH % 2 == 1 && KH <= kMaxTensorDenseHeight);
    static constexpr int kRadiusY = KH / 2;  // <= 8: a step reads row blocks u - 1 .. u + 1
    static constexpr int kBand = 2;          // half-aligned input blocks: widths up to 9
    static constexpr int kRawStages = 3;     // row blocks u + 1 (landing), u + 2, u + 3 (copied)
    static constexpr int kRing = 3;          // converted row blocks u - 1, u, u + 1
    static constexpr FastBlockShape kShape = tensorDenseShape();
    static constexpr int kWarps = kShape.threadsX * kShape.threadsY / 32;
    static constexpr int kThreads = 32 * kWarps;
    static constexpr int kStripW = 8 * kWarps;
    static constexpr int kMinBlocks = 5;  // 2 KH A fragments in registers (40 at KH = 5)
};

// A warp's input: raw pixel pairs as copied (lane 4 r + q: pixels 2q, 2q + 1 of row r of each
// block), and the converted ring, where the same lane slot holds {R|B of both pixels, G|A of
// both}: one 16-byte read gives a product's two B fragments.
template <class C>
struct DenseStage {
    uint2 raw[C::kRawStages][C::kBand][32];
    uint4 ring[C::kRing][C::kBand][32];
};

template <int KH, bool kAlpha, class Finish>
__device__ inline void walkDenseStrip(DenseStage<MmaDenseConfig<KH>>& stage,
                                      const uint4 (&a)[KH][2], float bias, int outputBlocks,
                                      const ConvParams& p, const std::uint8_t* in,
                                      const GlobalStore& out, int x0, int y0, int lane) {
    using C = MmaDenseConfig<KH>;
    const int g = lane >> 2;
    const int q = lane & 3;
    const bool interior = x0 - 4 >= 0 && x0 + 12 <= p.width;
    const unsigned mask = filteredByteMask(p);
    // Kernel row ky of output row g reads input row g + ky - kRadiusY of the step: row block
    // u + blockOf[ky], lane sourceLane[ky] of it.
    int blockOf[KH];
    int sourceLane[KH];
#pragma unroll
    for (int ky = 0; ky < KH; ++ky) {
        const int t = g + ky - C::kRadiusY;
        blockOf[ky] = t < 0 ? -1 : (t >= 8 ? 1 : 0);
        sourceLane[ky] = 4 * (t - 8 * blockOf[ky]) + q;
    }
    // Row block b (image rows y0 + 8 b .. + 7, the lane copying row g): raw and ring slot b mod 3
    // (b >= -1). At step u the raw slots hold blocks u + 1 .. u + 3, the ring u - 1 .. u + 1.
    const auto copyBlock = [&](int b) {
        stageRowBand<C::kBand>(&stage.raw[(b + 3) % C::kRawStages][0][lane], p, in, x0 - 4,
                               y0 + 8 * b + g, interior, lane);
        asm volatile("cp.async.commit_group;");
    };
    const auto convertBlock = [&](int b) {  // the lane's own copies: no other lane's needed
        const int slot = (b + 3) % C::kRing;
#pragma unroll
        for (int d = 0; d < C::kBand; ++d) {
            const uint2 pixels = stage.raw[slot][d][lane];
            stage.ring[slot][d][lane] = make_uint4(biasedRB(pixels.x), biasedRB(pixels.y),
                                                   biasedGA(pixels.x), biasedGA(pixels.y));
        }
    };
    copyBlock(-1);
    copyBlock(0);
    asm volatile("cp.async.wait_group 0;" ::: "memory");
    convertBlock(-1);
    convertBlock(0);
    copyBlock(1);
    copyBlock(2);
    int slotPrevious = 2;  // ring slot of row block u - 1: (-1 + 3) mod 3 at u = 0
    for (int u = 0; u < outputBlocks; ++u) {
        copyBlock(u + 3);  // past the strip too: harmless, and the groups in flight stay uniform
        asm volatile("cp.async.wait_group 2;" ::: "memory");  // block u + 1 has landed
        convertBlock(u + 1);
        __syncwarp();  // every lane's part of block u + 1 converted
        const int slotCurrent = slotPrevious + 1 == C::kRing ? 0 : slotPrevious + 1;
        const int slotNext = slotCurrent + 1 == C::kRing ? 0 : slotCurrent + 1;
        // Two sums per channel pair (even and odd kernel rows) halve the chains of dependent
        // products.
        float rb[2][4];
        float ga[2][4];
#pragma unroll
        for (int ky = 0; ky < KH; ++ky) {
            const int slot =
                blockOf[ky] < 0 ? slotPrevious : (blockOf[ky] > 0 ? slotNext : slotCurrent);
#pragma unroll
            for (int d = 0; d < C::kBand; ++d) {
                const uint4 b = stage.ring[slot][d][sourceLane[ky]];
                if (ky < 2 && d == 0) {
                    const float start = ky == 0 ? bias : 0.0f;
                    mmaStart(rb[ky], a[ky][d], b.x, b.y, start);
                    mmaStart(ga[ky], a[ky][d], b.z, b.w, start);
                } else {
                    mmaAccumulate(rb[ky & 1], a[ky][d], b.x, b.y);
                    mmaAccumulate(ga[ky & 1], a[ky][d], b.z, b.w);
                }
            }
        }
        __syncwarp();  // every lane has read block u - 1 before step u + 1 converts over it
        float4 acc[2];
        if constexpr (KH == 1) {
            acc[0] = make_float4(rb[0][0], ga[0][0], rb[0][2], ga[0][2]);
            acc[1] = make_float4(rb[0][1], ga[0][1], rb[0][3], ga[0][3]);
        } else {
            acc[0] = make_float4(rb[0][0] + rb[1][0], ga[0][0] + ga[1][0], rb[0][2] + rb[1][2],
                                 ga[0][2] + ga[1][2]);
            acc[1] = make_float4(rb[0][1] + rb[1][1], ga[0][1] + ga[1][1], rb[0][3] + rb[1][3],
                                 ga[0][3] + ga[1][3]);
        }
        // The lane's outputs: column x0 + g, rows 2q and 2q + 1 of the step.
        const int gx = x0 + g;
        const int gy = y0 + 8 * u + 2 * q;
        if (gx < p.width) {
            unsigned packed[2];
            Finish::template apply<kAlpha>(acc, packed, p);
#pragma unroll
            for (int o = 0; o < 2; ++o) {
                if (gy + o < p.height) {
                    unsigned value = packed[o];
                    if (mask != 0xFFFFFFFFu) {
                        value = mergeChannels(
                            value, packPixel(loadPixel(in, p.inPitch, gx, gy + o)), mask);
                    }
                    out.storePixel(gx, gy + o, unpackPixel(value));
                }
            }
        }
        slotPrevious = slotCurrent;
    }
    asm volatile("cp.async.wait_all;" ::: "memory");  // no copy outlives the block's memory
}

template <int KH, bool kAlpha>
__global__ void __launch_bounds__(MmaDenseConfig<KH>::kThreads, MmaDenseConfig<KH>::kMinBlocks)
    tensorDenseKernel(const __grid_constant__ ConvParams p, const __grid_constant__ TapTable taps,
                      int stripRows, const std::uint8_t* __restrict__ in, GlobalStore out) {
    using C = MmaDenseConfig<KH>;
    const int lane = static_cast<int>(threadIdx.x) & 31;
    const int warp = static_cast<int>(threadIdx.x) >> 5;
    const int x0 = static_cast<int>(blockIdx.x) * C::kStripW + 8 * warp;  // the warp's strip
    const int y0 = static_cast<int>(blockIdx.y) * stripRows;              // a multiple of 8
    if (x0 >= p.width) {
        return;  // a whole warp past the right edge (warp-uniform: no product is left short)
    }
    const int width = p.kernelWidth;
    uint4 a[KH][2];
    float tapSum = 0.0f;
#pragma unroll
    for (int ky = 0; ky < KH; ++ky) {
        a[ky][0] = shiftedBandFragment(taps.w + ky * width, width, -4, lane);
        a[ky][1] = shiftedBandFragment(taps.w + ky * width, width, 4, lane);
    }
    for (int k = 0; k < width * KH; ++k) {
        tapSum += taps.w[k];  // integers: exact, and exact in FP16
    }
    const float bias = -1024.0f * tapSum;
    const int outputBlocks = (min(stripRows, p.height - y0) + 7) / 8;
    __shared__ DenseStage<C> stages[C::kWarps];
    // The exact integer post-op without clamp or abs is compiled into the loop; the other
    // integer forms are chosen per step.
    if (p.integerFinish && p.finishUnclamped && !p.absolute) {
        walkDenseStrip<KH, kAlpha, FixedFinish<FinishMode::IntegerUnclamped>>(
            stages[warp], a, bias, outputBlocks, p, in, out, x0, y0, lane);
    } else {
        walkDenseStrip<KH, kAlpha, ChosenFinish>(stages[warp], a, bias, outputBlocks, p, in, out,
                                                 x0, y0, lane);
    }
}

}  // namespace convis::device
