// The hot loops of the parallel CPU backend, one output row at a time, in several instruction
// sets; selectRowKernels() picks the widest one this CPU supports, at run time.
#pragma once

#include <array>
#include <cstdint>

namespace convis {

// Post-operation and channel mask shared by the row kernels (see core/rounding.hpp).
struct RowFinish {
    // How the sum is scaled: x / d equals x * (1 / d) bit for bit when 1 / d is an exact power
    // of two, and dividing by 1 changes nothing, so those skip the slow division.
    enum class Scale { None, MultiplyExact, Divide };

    float divisor = 1.0f;
    float offset = 0.0f;
    bool absolute = false;
    std::array<bool, 4> channels{true, true, true, true};
    Scale scale = Scale::Divide;
    float reciprocal = 1.0f;

    RowFinish() = default;
    RowFinish(float divisorValue, float offsetValue, bool absoluteValue,
              std::array<bool, 4> channelMask);
};

// The finish of the fixed-point separable path (see FixedPointPlan): either
// clamp(floor(((absolute ? |S| : S) + add) / 2^shift), 0, 255) on the exact int32 sum S, or, with
// useFloat, the reference's finishValue() on float(S) (exact integer sums below 2^24). The
// channel mask is floatFinish.channels in both cases.
struct FixedFinish {
    int shift = 0;
    std::int32_t add = 0;
    bool absolute = false;
    bool useFloat = false;
    RowFinish floatFinish;
};

// All rows are RGBA interleaved floats. `padded` rows hold width + 2 * radiusX pixels, the
// border columns already filled; n = width * 4 is the number of outputs in a row.
struct RowKernels {
    const char* isa = "";
    // out[i] = finish(sum over ky, kx (row-major) of taps[ky * kw + kx] * rows[ky][i + 4 * kx]);
    // unfiltered channels copy input[i]. Same order and operations as the sequential reference.
    void (*convolve2d)(const float* const* rows, const float* taps, int kw, int kh, int n,
                       const RowFinish& finish, const std::uint8_t* input, std::uint8_t* out);
    // out[i] = sum over kx of factors[kx] * padded[i + 4 * kx] (float result, no finish).
    void (*rowPass)(const float* padded, const float* factors, int kw, int n, float* out);
    // out[i] = finish(sum over ky of factors[ky] * rows[ky][i]); unfiltered channels copy input.
    void (*columnPass)(const float* const* rows, const float* factors, int kh, int n,
                       const RowFinish& finish, const std::uint8_t* input, std::uint8_t* out);
    // dst[i] = float(src[i]) for i in 0..n-1.
    void (*widen)(const std::uint8_t* src, int n, float* dst);

    // Integer 2D path (nullptr where the CPU lacks AVX-512 VNNI). For kernels of small integer
    // weights every sum is an exact integer, so integer dot products of four u8 taps at a time
    // give the reference's result bit for bit, four taps per instruction lane.
    // buildQuads: quads[4 * x + c] = bytes (p[x][c], p[x+1][c], p[x+2][c], p[x+3][c]) for
    // x in 0..count-1, from the padded u8 RGBA row p (count + 3 pixels readable).
    void (*buildQuads)(const std::uint8_t* padded, int count, std::int32_t* quads) = nullptr;
    // out[i] = finish(sum over ky, g of dot4(quadRows[ky][i + 16 g], weights[ky * groups + g]))
    // where each weight dword holds four signed 8-bit taps; unfiltered channels copy input.
    void (*convolveQuads)(const std::int32_t* const* quadRows, const std::int32_t* weights,
                          int groups, int kh, int n, const RowFinish& finish,
                          const std::uint8_t* input, std::uint8_t* out) = nullptr;

    // Fixed-point separable path (FixedPointPlan). Exact integer arithmetic: every instruction
    // set gives the same bytes. `symmetry` is the factor's (+1, -1, 0); mirrored taps are added
    // or subtracted in int16 before the multiply.
    // fixedVertical: out[i] = floor((sum over ky of weights[ky] * rows[ky][i] + half) / 2^shift)
    // for i in 0..n-1, half = 2^(shift-1) (0 when shift is 0), as int16. `ahead` (or nullptr) is
    // the input row the next output row will read first: it is prefetched alongside.
    void (*fixedVertical)(const std::uint8_t* const* rows, const std::int16_t* weights, int kh,
                          int symmetry, int shift, int n, std::int16_t* out,
                          const std::uint8_t* ahead) = nullptr;
    // fixedHorizontal: out[i] = finish(sum over kx of weights[kx] * padded[i + 4 * kx]) for i in
    // 0..n-1; unfiltered channels copy input[i].
    void (*fixedHorizontal)(const std::int16_t* padded, const std::int16_t* weights, int kw,
                            int symmetry, const FixedFinish& finish, int n,
                            const std::uint8_t* input, std::uint8_t* out) = nullptr;
    const char* fixedIsa = "";  // the fixed-point loops' instruction set (e.g. "avx512-vnni")
};

// The widest supported set: "avx512" (AVX-512F/BW/VL), "avx2" or "sse2" (every x86-64 CPU).
// On other architectures, the portable build of the same templates.
const RowKernels& selectRowKernels();

// Every set this CPU can run, widest first (the tests compare them with each other).
std::array<const RowKernels*, 3> supportedRowKernels();

}  // namespace convis
