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

// Same, with the unfiltered channels taken from an exact float copy of the input pixel.
__device__ inline uchar4 finishPixel(const float4& acc, const float4& center, const ConvParams& p) {
    return finishPixel(
        acc,
        make_uchar4(static_cast<unsigned char>(center.x), static_cast<unsigned char>(center.y),
                    static_cast<unsigned char>(center.z), static_cast<unsigned char>(center.w)),
        p);
}

__host__ __device__ constexpr int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
}

}  // namespace convis::device
