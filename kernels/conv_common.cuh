// Device helpers shared by every convolution kernel and by the surface-writing variants:
// border-aware pixel loads, exact byte-to-float conversion, the post-op, and the output policy.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/border.hpp"
#include "core/rounding.hpp"
#include "launch.hpp"

namespace convis::device {

// Where a kernel writes: pitched RGBA8 global memory. A surface-writing policy (GL interop)
// provides the same two members and can be passed to the same kernel templates.
struct GlobalStore {
    std::uint8_t* base;
    std::size_t pitch;

    __device__ void storePixel(int x, int y, uchar4 v) const {
        reinterpret_cast<uchar4*>(base + static_cast<std::size_t>(y) * pitch)[x] = v;
    }
    // Four adjacent pixels starting at x (a multiple of 4), all inside the image: one 16-byte
    // store.
    __device__ void storeQuad(int x, int y, uint4 v) const {
        reinterpret_cast<uint4*>(base + static_cast<std::size_t>(y) * pitch)[x / 4] = v;
    }
    // Two adjacent pixels from x (even), both inside the image: one 8-byte store.
    __device__ void storePair(int x, int y, uint2 v) const {
        reinterpret_cast<uint2*>(base + static_cast<std::size_t>(y) * pitch)[x / 2] = v;
    }
    // N packed pixels down column x from row y, all inside the image: the address is formed
    // once and advanced by the pitch (per-pixel address arithmetic cost the separable kernel a
    // quarter of its instructions).
    template <int N>
    __device__ void storeColumn(int x, int y, const unsigned (&v)[N]) const {
        std::uint8_t* at =
            base + static_cast<std::size_t>(y) * pitch + 4 * static_cast<std::size_t>(x);
#pragma unroll
        for (int o = 0; o < N; ++o) {
            *reinterpret_cast<unsigned*>(at) = v[o];
            at += pitch;
        }
    }
};

__device__ inline const uchar4* rowPointer(const std::uint8_t* in, std::size_t pitch, int y) {
    return reinterpret_cast<const uchar4*>(in + static_cast<std::size_t>(y) * pitch);
}

__device__ inline uchar4 loadPixel(const std::uint8_t* in, std::size_t pitch, int x, int y) {
    return __ldg(rowPointer(in, pitch, y) + x);
}

// The pixel a tap at (x, y) reads under the request's border mode; zero where the mode says so.
__device__ inline uchar4 loadBordered(const std::uint8_t* in, const ConvParams& p, int x, int y) {
    const int sx = remapIndex(x, p.width, p.border);
    const int sy = remapIndex(y, p.height, p.border);
    if (sx < 0 || sy < 0) {
        return make_uchar4(0, 0, 0, 0);
    }
    return loadPixel(in, p.inPitch, sx, sy);
}

__device__ inline uchar4 unpackPixel(unsigned v) {
    return make_uchar4(
        static_cast<unsigned char>(v & 0xFFu), static_cast<unsigned char>((v >> 8) & 0xFFu),
        static_cast<unsigned char>((v >> 16) & 0xFFu), static_cast<unsigned char>(v >> 24));
}

__device__ inline unsigned packPixel(uchar4 v) {
    return static_cast<unsigned>(v.x) | (static_cast<unsigned>(v.y) << 8) |
           (static_cast<unsigned>(v.z) << 16) | (static_cast<unsigned>(v.w) << 24);
}

// Byte C of a packed pixel as an exact float: PRMT builds the bit pattern 0x4B0000xx, which is
// the float 2^23 + xx, and one subtraction leaves xx. Two full-rate instructions instead of a
// quarter-rate integer-to-float conversion.
template <int C>
__device__ inline float byteToFloat(unsigned word) {
    return __int_as_float(static_cast<int>(__byte_perm(word, 0x4B000000u, 0x7440u + C))) -
           8388608.0f;
}

__device__ inline float4 toFloat4(unsigned word) {
    return make_float4(byteToFloat<0>(word), byteToFloat<1>(word), byteToFloat<2>(word),
                       byteToFloat<3>(word));
}

__device__ inline float4 toFloat4(uchar4 v) {
    return toFloat4(packPixel(v));
}

// acc += w * v for the channels a kernel computes (alpha only when it is filtered).
template <bool kAlpha>
__device__ inline void accumulate(float4& acc, float w, const float4& v) {
    acc.x += w * v.x;
    acc.y += w * v.y;
    acc.z += w * v.z;
    if constexpr (kAlpha) {
        acc.w += w * v.w;
    }
}

// The output pixel: filtered channels through finishValue (IEEE division, round half away from
// zero, saturate), the others copied from the input pixel at the same place.
__device__ inline uchar4 finishPixel(const float4& acc, uchar4 center, const ConvParams& p) {
    const auto pick = [&](unsigned bit, float sum, unsigned char original) -> unsigned char {
        return (p.channelMask & bit) != 0u ? finishValue(sum, p.divisor, p.offset, p.absolute)
                                           : original;
    };
    return make_uchar4(pick(1u, acc.x, center.x), pick(2u, acc.y, center.y),
                       pick(4u, acc.z, center.z), pick(8u, acc.w, center.w));
}

// ---------------------------------------------------------------------------------------------
// The post-op without the conversion pipe. finishValue (core/rounding.hpp) compiles to a
// round-to-integer and a float-to-int conversion per channel, both on the SM's quarter-rate
// conversion unit; at 4 channels that unit, not the FMA pipe, limits the tuned kernels for small
// kernels. finishChannelBits computes the same function (the GPU tests compare it with
// finishValue over millions of inputs) with full-rate instructions only:
//   v = sum / divisor (IEEE), |v| if asked, v + offset (round to nearest), as finishValue;
//   clamping to [0, 255] first gives the same saturation (NaN clamps to 0, as !(v > 0) does);
//   RZ(v + 0.5) then RZ(. + 2^23) is 2^23 + floor(v + 0.5): the first add rounds toward zero, so
//   it never crosses the integer floor(v + 0.5) exactly (0.49999997 stays below 1), and in
//   [2^23, 2^24) the float spacing is 1, so the second add truncates to an integer held in the
//   low mantissa bits. floor(v + 0.5) is round-half-away-from-zero for v >= 0.
// Returns a word whose low byte is the channel value.
//
// How the quotient is formed is the same for every pixel of a launch, so the kernels choose it
// once per thread (finishAll) rather than per channel: a per-channel select would make the
// compiler evaluate the division sequence even where a multiplication was enough.
enum class FinishMode {
    Divide,    // IEEE division
    Multiply,  // power-of-two divisor: sum * reciprocal, bit-identical (see exactReciprocal)
    // Either without the clamp (ConvParams::finishUnclamped); Plain also for divisor 1, offset 0
    // and no abs, where finishValue's v is the sum itself.
    DivideUnclamped,
    MultiplyUnclamped,
    Plain,
    // ConvParams::integerFinish, see finishIntegerAs; without or with abs (a compile-time choice:
    // a run-time one made the compiler issue both FMAs, predicated, for every channel), and
    // without the clamp where ConvParams::finishUnclamped says no sum can saturate.
    Integer,
    IntegerAbs,
    IntegerUnclamped,
    IntegerUnclampedAbs,
};

// The integer post-op (ConvParams::integerFinish; launch.hpp says why it equals finishValue):
// one FMA, a clamp and the 2^23 truncation, where the IEEE division alone takes about ten
// instructions. |s| * |1/d| is |s/d|, the abs case. Without the clamp (kClamp false) only where
// configureUnclampedFinish proved t in (0, 256) for every reachable sum. Returns the channel
// value in the low byte.
template <bool kClamp, bool kAbs>
__device__ inline unsigned finishIntegerAs(float sum, const ConvParams& p) {
    const float t = kAbs ? fmaf(fabsf(sum), fabsf(p.finishScale), p.finishBias)
                         : fmaf(sum, p.finishScale, p.finishBias);
    const float c = kClamp ? fminf(fmaxf(t, 0.0f), 255.0f) : t;
    return __float_as_uint(__fadd_rz(c, 8388608.0f));  // 2^23 + floor(c): c >= 0
}

// The clamped integer post-op with abs as the request says (the GPU suite checks this one).
__device__ inline unsigned finishIntegerBits(float sum, const ConvParams& p) {
    return p.absolute ? finishIntegerAs<true, true>(sum, p) : finishIntegerAs<true, false>(sum, p);
}

template <FinishMode M>
__device__ inline unsigned finishChannelAs(float sum, const ConvParams& p) {
    if constexpr (M == FinishMode::Integer || M == FinishMode::IntegerAbs) {
        return finishIntegerAs<true, M == FinishMode::IntegerAbs>(sum, p);
    } else if constexpr (M == FinishMode::IntegerUnclamped ||
                         M == FinishMode::IntegerUnclampedAbs) {
        return finishIntegerAs<false, M == FinishMode::IntegerUnclampedAbs>(sum, p);
    } else if constexpr (M == FinishMode::Plain) {
        return __float_as_uint(__fadd_rz(__fadd_rz(sum, 0.5f), 8388608.0f));
    } else {
        constexpr bool kMultiply = M == FinishMode::Multiply || M == FinishMode::MultiplyUnclamped;
        constexpr bool kClamp = M == FinishMode::Multiply || M == FinishMode::Divide;
        float v = kMultiply ? sum * p.reciprocal : sum / p.divisor;
        if (p.absolute) {
            v = fabsf(v);
        }
        v += p.offset;
        if constexpr (kClamp) {
            v = fminf(fmaxf(v, 0.0f), 255.0f);
        }
        return __float_as_uint(__fadd_rz(__fadd_rz(v, 0.5f), 8388608.0f));
    }
}

// finishValue's function for any sum (the GPU suite compares the two).
__device__ inline unsigned finishChannelBits(float sum, const ConvParams& p) {
    return p.reciprocal != 0.0f ? finishChannelAs<FinishMode::Multiply>(sum, p)
                                : finishChannelAs<FinishMode::Divide>(sum, p);
}

// Four channel words (value in each low byte) packed into one RGBA8 pixel.
__device__ inline unsigned packChannelBytes(unsigned r, unsigned g, unsigned b, unsigned a) {
    return __byte_perm(__byte_perm(r, g, 0x0040u), __byte_perm(b, a, 0x0040u), 0x5410u);
}

// 0xFF in each byte whose channel is filtered: result = (filtered & mask) | (input & ~mask).
__device__ inline unsigned filteredByteMask(const ConvParams& p) {
    return ((p.channelMask & 1u) != 0u ? 0x000000FFu : 0u) |
           ((p.channelMask & 2u) != 0u ? 0x0000FF00u : 0u) |
           ((p.channelMask & 4u) != 0u ? 0x00FF0000u : 0u) |
           ((p.channelMask & 8u) != 0u ? 0xFF000000u : 0u);
}

// The filtered channels of one pixel, packed; bytes of unfiltered channels are meaningless
// (merge them from the input with filteredByteMask). Alpha is finished only when computed.
template <FinishMode M, bool kAlpha>
__device__ inline unsigned finishPackedAs(const float4& acc, const ConvParams& p) {
    return packChannelBytes(finishChannelAs<M>(acc.x, p), finishChannelAs<M>(acc.y, p),
                            finishChannelAs<M>(acc.z, p),
                            kAlpha ? finishChannelAs<M>(acc.w, p) : 0u);
}

template <FinishMode M, bool kAlpha, int N>
__device__ inline void finishAllAs(const float4 (&acc)[N], unsigned (&packed)[N],
                                   const ConvParams& p) {
#pragma unroll
    for (int o = 0; o < N; ++o) {
        packed[o] = finishPackedAs<M, kAlpha>(acc[o], p);
    }
}

// Finishes a thread's N accumulators, choosing the post-op once (a uniform branch).
template <bool kAlpha, int N>
__device__ inline void finishAll(const float4 (&acc)[N], unsigned (&packed)[N],
                                 const ConvParams& p) {
    if (p.integerFinish && p.finishUnclamped) {
        if (p.absolute) {
            finishAllAs<FinishMode::IntegerUnclampedAbs, kAlpha>(acc, packed, p);
        } else {
            finishAllAs<FinishMode::IntegerUnclamped, kAlpha>(acc, packed, p);
        }
    } else if (p.integerFinish) {
        if (p.absolute) {
            finishAllAs<FinishMode::IntegerAbs, kAlpha>(acc, packed, p);
        } else {
            finishAllAs<FinishMode::Integer, kAlpha>(acc, packed, p);
        }
    } else if (p.finishUnclamped && p.reciprocal == 1.0f && p.offset == 0.0f && !p.absolute) {
        finishAllAs<FinishMode::Plain, kAlpha>(acc, packed, p);
    } else if (p.finishUnclamped) {
        if (p.reciprocal != 0.0f) {
            finishAllAs<FinishMode::MultiplyUnclamped, kAlpha>(acc, packed, p);
        } else {
            finishAllAs<FinishMode::DivideUnclamped, kAlpha>(acc, packed, p);
        }
    } else if (p.reciprocal != 0.0f) {
        finishAllAs<FinishMode::Multiply, kAlpha>(acc, packed, p);
    } else {
        finishAllAs<FinishMode::Divide, kAlpha>(acc, packed, p);
    }
}

__device__ inline unsigned mergeChannels(unsigned filtered, unsigned input, unsigned mask) {
    return (filtered & mask) | (input & ~mask);
}

__host__ __device__ constexpr int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
}

}  // namespace convis::device
