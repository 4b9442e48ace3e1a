// Host-callable launchers for the convolution kernels: plain C++ declarations and plain structs,
// so host code can call them without including any CUDA header.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <utility>

#include "core/border.hpp"

struct CUstream_st;  // cudaStream_t is CUstream_st*; declared here so no CUDA header is needed

namespace convis {

inline constexpr int kMaxKernelSide = 31;
inline constexpr int kMaxTaps = kMaxKernelSide * kMaxKernelSide;

// Everything a kernel needs besides the taps and the pixels. Images are RGBA8 with rows of
// `pitch` bytes (device buffers are pitched so that every row starts 16-byte aligned).
struct ConvParams {
    int width = 0;
    int height = 0;
    std::size_t inPitch = 0;
    std::size_t outPitch = 0;
    int kernelWidth = 1;  // odd, 1..31
    int kernelHeight = 1;
    BorderMode border = BorderMode::Clamp;
    float divisor = 1.0f;
    float reciprocal = 0.0f;  // exactReciprocal(divisor): lets kernels multiply instead of divide
    float offset = 0.0f;
    bool absolute = false;
    unsigned channelMask = 0x7;  // bit c set: channel c is filtered, else copied from the input
    // Integer post-op (see configureIntegerFinish): every sum is an exact integer and the
    // output byte is floor(clamp(sum * finishScale + finishBias, 0, 255)), no division.
    bool integerFinish = false;
    float finishScale = 0.0f;  // fl(1 / divisor)
    float finishBias = 0.0f;   // offset + 1/2 + 1 / (4 |divisor|)
    // Every reachable sum gives a byte in [0, 255] before saturation (see
    // configureUnclampedFinish), so the post-op skips its clamp.
    bool finishUnclamped = false;
};

// 1 / divisor when multiplying by it gives exactly what dividing gives, which holds when the
// divisor is a power of two and its reciprocal a normal float (both then compute the same real
// number, rounded once); else 0, and kernels divide.
inline float exactReciprocal(float divisor) {
    int exponent = 0;
    const float mantissa = std::frexp(divisor, &exponent);
    if (std::fabs(mantissa) != 0.5f || exponent > 120 || exponent < -120) {
        return 0.0f;
    }
    return 1.0f / divisor;
}

// Enables the division-free integer post-op when it gives exactly finishValue's byte, given
// the sum of the absolute tap values. Why it is exact:
//  - integer taps with 255 * absTapSum < 2^24: every partial sum, in any order and with FMA, is
//    an exact float integer s;
//  - integer divisor d and integer offset o: u = s/d + o (real) is a multiple of 1 / (2|d|) off
//    the half-integers, so finishValue's two float roundings (fl(s/d), fl(. + o)), each at most
//    (|u| + |o|) 2^-24 where the byte is not saturated, never move u across or onto a half
//    integer unless it is one; hence finishValue = clamp(floor(u + 1/2), 0, 255) (with |s/d|
//    for abs);
//  - floor(u + 1/2) = floor(u + 1/2 + e) for e = 1 / (4|d|), since u + 1/2 is a multiple of
//    1 / (2|d|); the kernel computes t = fma(s, fl(1/d), fl(o + 1/2 + e)), whose error where
//    t lies in [-1, 257] (elsewhere the clamp decides) is under (2 * 258 + 2|o| + 1) 2^-24, and
//    (520 + 2|o|) 4|d| <= 2^24 keeps it below e: no integer boundary is crossed.
// The GPU suite checks the kernels' function against finishValue for every integer sum.
inline void configureIntegerFinish(ConvParams& p, bool integerTaps, double absTapSum) {
    p.integerFinish = false;
    const double d = std::fabs(static_cast<double>(p.divisor));
    const double o = static_cast<double>(p.offset);
    if (!integerTaps || absTapSum * 255.0 >= 16777216.0 || d < 1.0 || d != std::floor(d) ||
        o != std::floor(o) || std::fabs(o) > 4096.0 ||
        (520.0 + 2.0 * std::fabs(o)) * 4.0 * d > 16777216.0) {
        return;
    }
    p.integerFinish = true;
    p.finishScale = 1.0f / p.divisor;  // correctly rounded IEEE quotient
    p.finishBias = static_cast<float>(o + 0.5 + 0.25 / d);
}

// Marks the post-op as needing no clamp when every sum the kernel can produce from bytes,
// s in [-255 negBound, 255 posBound] (posBound, negBound: the sums of the positive and of the
// magnitudes of the negative taps, or for a rank-1 kernel the product of its factors' absolute
// sums, negBound 0 when both factors are non-negative), finishes inside [0, 255].
//  - Integer post-op (exact integer sums): with v = s / divisor (|v| with abs) ranging over
//    [vmin, vmax], vmin + offset >= -1/2 and vmax + offset < 255.5. Then the exact t = v +
//    offset + 1/2 + 1 / (4|d|) of configureIntegerFinish lies in [1 / (4|d|), 256 - 1 / (4|d|)],
//    and the kernel's t, within less than 1 / (4|d|) of it, in (0, 256): the truncation alone
//    gives the byte.
//  - Float post-op (float sums, which carry rounding): the same interval widened by 1e-4 of
//    its size, and by sumError (a bound on the sums' error where a path rounds more than FP32
//    does, as the tensor-core separable kernel), must lie within (-0.49, 255.49), well inside
//    (-1/2, 255.5) where RZ(RZ(v + 1/2) + 2^23) is 2^23 + floor(v + 1/2) without clamping.
inline void configureUnclampedFinish(ConvParams& p, double posBound, double negBound,
                                     double sumError = 0.0) {
    p.finishUnclamped = false;
    const bool exact = p.integerFinish;
    const double slack = exact ? 1.0 : 1.0 + 1e-4;
    const double d = static_cast<double>(p.divisor);
    if (d == 0.0) {
        return;
    }
    double lo = (-255.0 * negBound * slack - sumError) / d;
    double hi = (255.0 * posBound * slack + sumError) / d;
    if (d < 0.0) {
        std::swap(lo, hi);
    }
    if (p.absolute) {
        hi = std::fmax(std::fabs(lo), std::fabs(hi));
        lo = 0.0;  // the range always contains 0 (sum of zero pixels)
    }
    const double o = static_cast<double>(p.offset);
    p.finishUnclamped =
        exact ? lo + o >= -0.5 && hi + o < 255.5 : lo + o > -0.49 && hi + o < 255.49;
}

// Correlation taps, row-major, kernelWidth * kernelHeight used. Passed to kernels by value:
// kernel parameters live in the constant bank, so the taps are read through the constant cache
// (and become direct FFMA operands where the index is known at compile time) without a
// module-wide __constant__ symbol that two concurrent launches would race on.
struct TapTable {
    float w[kMaxTaps];
};

// Integer taps for the packed-lane kernel (kernels/conv_lanes.cuh), which accumulates the four
// channels of a pixel as two words of two 16-bit lanes (R|B and G|A) with one integer
// multiply-add per word and tap. A lane stays exact while its value fits 16 bits: the rows are
// cut into groups whose lanes hold bias_g + s_g in [0, 255 x (sum of |taps| of the group)] <
// 2^16, where bias_g = 255 x (sum of |negative taps| of the group) keeps them non-negative
// (products wrap modulo 2^32, so only the final value of each lane must fit). After each group
// but the last, when there are several, the lanes are added into 32-bit sums. See
// configureLanes (backends/cuda_plan.hpp).
struct LaneTaps {
    int w[kMaxTaps];  // row-major, kernelWidth * kernelHeight used
    // Start value of both words for the group that begins at row r (bias_g in each lane).
    unsigned groupBias[kMaxKernelSide + 1];
    unsigned flushRows = 0;  // bit r: lanes are added to the 32-bit sums after row r (0: one group)
    float base = 0.0f;       // 2^23 + the sum of the groups' biases (exact: below 2^24)
};

// A rank-1 kernel as two 1-D factors, both padded (centred, with zeros) to the same odd length.
struct SeparableTaps {
    int length = 1;  // odd, 1..31
    float row[kMaxKernelSide];
    float column[kMaxKernelSide];
};

// Block shape of a tuned kernel: threadsX x threadsY threads, each computing outputsX x
// outputsY adjacent outputs, so a block covers (threadsX * outputsX) x (threadsY * outputsY).
// The kernels take their shapes from here, so host-side models describe the real launch.
struct FastBlockShape {
    int threadsX = 1;
    int threadsY = 1;
    int outputsX = 1;
    int outputsY = 1;
};

// Direct 2-D path: 8 adjacent outputs per thread along x; wide kernels get taller blocks (less
// halo per output in y, tiles that fit twice per SM).
inline constexpr FastBlockShape fastDirectShape(int kernelWidth) {
    return kernelWidth <= 9 ? FastBlockShape{16, 16, 8, 1} : FastBlockShape{8, 32, 8, 1};
}

// Packed-lane path (launchLanesConv): the direct path's shape. (4 outputs per thread on 32x16
// threads, 32 registers and full occupancy, measured slower on the H200: 28% more instructions
// for dense 3x3 and the same stalls.)
inline constexpr FastBlockShape lanesShape(int kernelWidth) {
    return fastDirectShape(kernelWidth);
}

// Register-streaming packed-lane path (launchLanesStreamConv): blocks of 128 x 1 threads, four
// independent warps side by side, each walking down a strip 128 pixels wide (4 adjacent outputs
// per lane) and `rows` output rows tall.
inline constexpr FastBlockShape lanesStreamShape(int rows) {
    return FastBlockShape{128, 1, 4, rows};
}

// Separable path, factors of length K: a block walks down a strip threadsX outputs wide and
// threadsY * outputsY tall, 8 rows a step; threadsY threads share each column, thread (x, y)
// computing rows 8s + (8 / threadsY) y .. + 8 / threadsY - 1 of column x at step s (see
// fastWhoComputes). Up to 15 taps: 128 columns, one thread each. Wider: the shared ring of row
// sums grows with K, so 64 columns and two threads a column (twice the warps on the same
// shared memory). The strip height here is the default; launches choose their own with
// separableStripRows.
inline constexpr FastBlockShape fastSeparableShape(int length) {
    return length <= 15 ? FastBlockShape{128, 1, 1, 128} : FastBlockShape{64, 2, 1, 256};
}

// Tensor-core separable path (launchTensorSeparableConv): blocks of 4 independent warps, each
// walking down a strip 8 columns wide, 8 rows a step; lane (g, q) computes output row g of the
// step at columns 2q and 2q + 1 (see conv_separable_mma.cuh). Described as 16 x 8 threads of
// 2 x (rows / 8) outputs; fastWhoComputes gives the real lane. The strip height here is the
// default; launches choose their own with tensorSeparableStripRows.
inline constexpr FastBlockShape tensorSeparableShape(int rows = 256) {
    return FastBlockShape{16, 8, 2, rows / 8};
}

// Factors of radius r need input blocks o - reach .. o + reach of 8 pixels (or rows) for output
// block o, reach = ceil(r / 8): 1 up to 17 taps, 2 up to 31.
inline constexpr int tensorReach(int length) {
    return (length / 2 + 7) / 8;
}

// Output rows per separable strip for an image, given how many blocks the GPU holds at once
// (0: unknown, the default shape's). Blocks of equal height take about equally long, so a launch
// runs in rounds of `residentBlocks`, and a last round with few blocks leaves most of the GPU
// idle: at 7680x4320 on an H200 (792 blocks resident up to 15 taps), 128-row strips made 2040
// blocks, three rounds with the last 58% full. Taller strips make fewer blocks but each repeats
// the K - 1 rows above its first output (about half a step of work per 8 of those rows). Fewer
// than three rounds lose too: one round of 780 blocks of 336 rows kept the SMs busy only 67% of
// the time (blocks do not all run equally fast, and in one round the slowest sets the time;
// later rounds rebalance). So: the height (a multiple of 8) with the least max(rounds, 3) x
// (steps per strip + half the repeated steps, which run only the row pass). stripWidth: output
// columns of a block; repeatedSteps: row-pass steps before a strip's first output.
inline constexpr int stripRowsFor(int stripWidth, int repeatedSteps, int defaultRows, int width,
                                  int height, int residentBlocks) {
    if (residentBlocks <= 0 || width <= 0 || height <= 0) {
        return defaultRows;
    }
    constexpr long long kMinRounds = 3;
    const long long columns = (width + stripWidth - 1) / stripWidth;
    const int totalSteps = (height + 7) / 8;
    int best = defaultRows / 8;
    long long bestCost = -1;
    for (int steps = 1; steps <= totalSteps; ++steps) {
        const long long strips = columns * ((totalSteps + steps - 1) / steps);
        const long long rounds = (strips + residentBlocks - 1) / residentBlocks;
        const long long cost = std::max(rounds, kMinRounds) * (2LL * steps + repeatedSteps);
        if (bestCost < 0 || cost <= bestCost) {  // ties: the taller strip, fewer blocks
            best = steps;
            bestCost = cost;
        }
    }
    return 8 * best;
}

// The float separable kernel's strips: lag = ceil((K - 1) / 8) row-pass steps before a strip's
// first output.
inline constexpr int separableStripRows(int length, int width, int height, int residentBlocks) {
    const FastBlockShape shape = fastSeparableShape(length);
    return stripRowsFor(shape.threadsX, (7 + 2 * (length / 2)) / 8, shape.threadsY * shape.outputsY,
                        width, height, residentBlocks);
}

// The tensor-core kernel's strips: 2 tensorReach row blocks before a strip's first output.
inline constexpr int tensorSeparableStripRows(int length, int width, int height,
                                              int residentBlocks) {
    const FastBlockShape shape = tensorSeparableShape();
    return stripRowsFor(shape.threadsX * shape.outputsX, 2 * tensorReach(length),
                        shape.threadsY * shape.outputsY, width, height, residentBlocks);
}

// Blocks of the separable kernel for factors of length K that the current device holds at
// once (its multiprocessors times the blocks one fits); 0 when there is no usable device.
int separableResidentBlocks(int length);

// The same for the tensor-core separable kernel; 0 also where the device or the binary's code
// for it has no m16n8k16 tensor-core products (compute capability below 8.0).
int tensorSeparableResidentBlocks(int length);

// Each launcher returns the cudaError_t of the launch (0 = success) as an int, having called
// cudaGetLastError() after the launch. blockWidth/blockHeight: 8..32 (checked by the caller).

// One thread per output pixel; taps and pixels read from global memory for every tap.
int launchNaiveConv(const ConvParams& params, const float* d_taps, const std::uint8_t* d_in,
                    std::uint8_t* d_out, int blockWidth, int blockHeight, CUstream_st* stream);

// One thread per output pixel; the block's input tile plus halo staged in shared memory.
int launchTiledConv(const ConvParams& params, const TapTable& taps, const std::uint8_t* d_in,
                    std::uint8_t* d_out, int blockWidth, int blockHeight, CUstream_st* stream);

// Several outputs per thread from a float tile in shared memory, 16-byte loads and stores.
int launchFastConv(const ConvParams& params, const TapTable& taps, const std::uint8_t* d_in,
                   std::uint8_t* d_out, CUstream_st* stream);

// Integer taps (configureLanes accepted them) in packed 16-bit lanes from an integer tile in
// shared memory, then launchFastConv's post-op; same block shapes as launchFastConv. Kernel
// widths up to kMaxLanesWidth.
inline constexpr int kMaxLanesWidth = 15;
int launchLanesConv(const ConvParams& params, const LaneTaps& taps, const std::uint8_t* d_in,
                    std::uint8_t* d_out, CUstream_st* stream);

// The packed-lane kernel streamed through registers (kernels/conv_lanes_stream.cuh): input rows
// staged per warp by asynchronous copies, the horizontal halo by warp shuffles, sliding sums down
// a strip, no tile and no barrier. For taps that form one lane group (taps.flushRows == 0) with
// odd sides up to kMaxLanesStreamSide (at 5x5 and 7x7 it measured no faster than the lane tile on
// the H200: see docs/PERFORMANCE.md); rows (output rows per strip) is one of kLanesStreamRows,
// kDefaultLanesStreamRows unless asked.
inline constexpr int kMaxLanesStreamSide = 3;
inline constexpr int kLanesStreamRows[] = {32, 64};
inline constexpr int kDefaultLanesStreamRows = 32;
int launchLanesStreamConv(const ConvParams& params, const LaneTaps& taps, int rows,
                          const std::uint8_t* d_in, std::uint8_t* d_out, CUstream_st* stream);

// Rank-1 kernels in one launch: row pass into shared memory, column pass from it; strips of
// stripRows rows (a multiple of 8; separableStripRows).
int launchFastSeparableConv(const ConvParams& params, const SeparableTaps& taps, int stripRows,
                            const std::uint8_t* d_in, std::uint8_t* d_out, CUstream_st* stream);

// Rank-1 kernels on the tensor cores (kernels/conv_separable_mma.cuh): both passes as FP16
// banded matrix products with FP32 sums, for factors the plan's error bound accepts
// (tensorSeparableError); strips of stripRows rows (a multiple of 8; tensorSeparableStripRows).
int launchTensorSeparableConv(const ConvParams& params, const SeparableTaps& taps, int stripRows,
                              const std::uint8_t* d_in, std::uint8_t* d_out, CUstream_st* stream);

}  // namespace convis
