// The tensor-core building blocks of convolutions as banded matrix products (used by
// conv_separable_mma.cuh): FP16 pairs, one m16n8k16 product with FP32 sums, the band's A
// fragments, the biased byte-to-FP16 permutes, the staging of a lane's input pixels by
// asynchronous copies, and the post-op chosen at compile time.
//
// The mapping of a warp's 8 x 8 block onto D = A B + C (16 x 8 = 16 x 16
// times 16 x 8): n = image row (0..7), k = (input pixel, channel), m = (output pixel, channel),
// for the channel pairs R|B and G|A in two products:
//   k -> pixel (k & 6) | (k >> 3), channel k & 1;   m -> pixel m & 7, channel m >> 3;
//   A[m][k] = tap[8 d + pixel(k) - pixel(m) + radius] when the channels agree, else 0,
// for input block o + d of output block o (A depends only on d). Lane (g, q) = (lane / 4,
// lane % 4) holds B's k = 2q, 2q + 1 (pixel 2q: R and B) and k = 2q + 8, 2q + 9 (pixel 2q + 1)
// of row g, and D's m = g, g + 8 (output pixel g, R and B) at n = 2q, 2q + 1.
#pragma once

#include "async_copy.cuh"
#include "conv_common.cuh"

namespace convis::device {

// Two floats as an FP16 pair, `lo` in the low half (the lower k or n index).
__device__ inline unsigned halfPair(float lo, float hi) {
    unsigned packed;
    asm("cvt.rn.f16x2.f32 %0, %1, %2;" : "=r"(packed) : "f"(hi), "f"(lo));
    return packed;
}

// d += a b for one m16n8k16 product, FP16 operands, FP32 accumulators.
__device__ inline void mmaAccumulate(float (&d)[4], const uint4& a, unsigned b0, unsigned b1) {
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 800
    asm("mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {%0, %1, %2, %3}, {%4, %5, %6, %7}, "
        "{%8, %9}, {%0, %1, %2, %3};"
        : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
        : "r"(a.x), "r"(a.y), "r"(a.z), "r"(a.w), "r"(b0), "r"(b1));
#else
    (void)d;
    (void)a;
    (void)b0;
    (void)b1;
    __trap();  // the plan never launches this path below compute capability 8.0
#endif
}

// d = a b + c (c in every element): the first product of a sum, so the accumulators need no
// start values moved in.
__device__ inline void mmaStart(float (&d)[4], const uint4& a, unsigned b0, unsigned b1, float c) {
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 800
    asm("mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {%0, %1, %2, %3}, {%4, %5, %6, %7}, "
        "{%8, %9}, {%10, %10, %10, %10};"
        : "=f"(d[0]), "=f"(d[1]), "=f"(d[2]), "=f"(d[3])
        : "r"(a.x), "r"(a.y), "r"(a.z), "r"(a.w), "r"(b0), "r"(b1), "f"(c));
#else
    (void)a;
    (void)b0;
    (void)b1;
    d[0] = d[1] = d[2] = d[3] = c;
    __trap();
#endif
}

// The lane's A fragment for band offset d of a row of `length` taps (see the mapping above):
// rows g (R) and g + 8 (B), columns 2q, 2q + 1 (pixel 2q: R, B) and 2q + 8, 2q + 9 (pixel
// 2q + 1).
__device__ inline uint4 bandFragment(const float* taps, int length, int d, int lane) {
    const int g = lane >> 2;
    const int q = lane & 3;
    const auto tap = [&](int index) { return index >= 0 && index < length ? taps[index] : 0.0f; };
    const float first = tap(8 * d + 2 * q - g + length / 2);       // pixel 2q
    const float second = tap(8 * d + 2 * q + 1 - g + length / 2);  // pixel 2q + 1
    return make_uint4(halfPair(first, 0.0f), halfPair(0.0f, first), halfPair(second, 0.0f),
                      halfPair(0.0f, second));
}

// FP16 pairs of one pixel for the products: 1024 + R | 1024 + B and 1024 + G | 1024 + A.
__device__ inline unsigned biasedRB(unsigned pixel) {
    return __byte_perm(pixel, 0x64646464u, 0x4240u);
}
__device__ inline unsigned biasedGA(unsigned pixel) {
    return __byte_perm(pixel, 0x64646464u, 0x4341u);
}

// Copies pixels 2q, 2q + 1 of kBand consecutive 8-pixel blocks, from column x (the first
// block's), of image row `row` (through the border mode) to dst[0], dst[32], ... (one uint2 per
// block; a Zero border writes zeros directly). `interior`: every pixel of the band lies inside
// the image, so one 8-byte copy per block.
template <int kBand>
__device__ inline void stageRowBand(uint2* dst, const ConvParams& p, const std::uint8_t* in, int x,
                                    int row, bool interior, int lane) {
    const int sy = remapIndex(row, p.height, p.border);
    x += 2 * (lane & 3);  // pixel 2q of the first block
    if (sy < 0) {
#pragma unroll
        for (int d = 0; d < kBand; ++d) {
            dst[32 * d] = make_uint2(0u, 0u);  // a row outside the image under the zero border
        }
    } else if (interior) {
        const uchar4* src = rowPointer(in, p.inPitch, sy) + x;
#pragma unroll
        for (int d = 0; d < kBand; ++d) {
            copyAsync(dst + 32 * d, src + 8 * d, 8);
        }
    } else {
        const uchar4* src = rowPointer(in, p.inPitch, sy);
#pragma unroll
        for (int d = 0; d < kBand; ++d) {
            unsigned* word = reinterpret_cast<unsigned*>(dst + 32 * d);
#pragma unroll
            for (int k = 0; k < 2; ++k) {
                const int sx = remapIndex(x + 8 * d + k, p.width, p.border);
                if (sx < 0) {
                    word[k] = 0u;
                } else {
                    copyAsync(word + k, src + sx, 4);
                }
            }
        }
    }
}

// The post-op of a launch: one form fixed at compile time for the common cases (chosen once per
// kernel, so the step loop holds no mode tests), or finishAll's choice per call.
template <FinishMode M>
struct FixedFinish {
    template <bool kAlpha, int N>
    __device__ static void apply(const float4 (&acc)[N], unsigned (&packed)[N],
                                 const ConvParams& p) {
        finishAllAs<M, kAlpha>(acc, packed, p);
    }
};
struct ChosenFinish {
    template <bool kAlpha, int N>
    __device__ static void apply(const float4 (&acc)[N], unsigned (&packed)[N],
                                 const ConvParams& p) {
        finishAll<kAlpha>(acc, packed, p);
    }
};

}  // namespace convis::device
