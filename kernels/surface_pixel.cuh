// Device helpers of the surface-writing kernels: the float32 window sum over RGBA8 pixels in the
// stated tap order, and the per-channel finish (post-op for filtered channels, copy for others).
// The border rule and the rounding come from core, so CPU and GPU share one definition.
#pragma once

#include <cstdint>

#include "core/border.hpp"
#include "core/rounding.hpp"
#include "surface_launch.hpp"

namespace convis::kernels {

// Adds tap * pixel to each channel's sum with separate rounding of product and sum (no fused
// multiply-add), exactly as the sequential reference does on the CPU: bit-identical results.
__device__ __forceinline__ void accumulateExact(float4& sum, float tap, uchar4 p) {
    sum.x = __fadd_rn(sum.x, __fmul_rn(tap, static_cast<float>(p.x)));
    sum.y = __fadd_rn(sum.y, __fmul_rn(tap, static_cast<float>(p.y)));
    sum.z = __fadd_rn(sum.z, __fmul_rn(tap, static_cast<float>(p.z)));
    sum.w = __fadd_rn(sum.w, __fmul_rn(tap, static_cast<float>(p.w)));
}

// The same sum with one rounding per tap (fused multiply-add): faster, and within 1 LSB of the
// reference after the finish; identical for integer weights, whose products and sums are exact.
__device__ __forceinline__ void accumulateFused(float4& sum, float tap, uchar4 p) {
    sum.x = fmaf(tap, static_cast<float>(p.x), sum.x);
    sum.y = fmaf(tap, static_cast<float>(p.y), sum.y);
    sum.z = fmaf(tap, static_cast<float>(p.z), sum.z);
    sum.w = fmaf(tap, static_cast<float>(p.w), sum.w);
}

// The input pixel a tap at (x, y) reads, or zero where the border mode says so.
__device__ __forceinline__ uchar4 loadRemapped(const uchar4* d_input, int x, int y, int width,
                                               int height, BorderMode border) {
    const int sx = remapIndex(x, width, border);
    const int sy = remapIndex(y, height, border);
    if (sx < 0 || sy < 0) {
        return make_uchar4(0, 0, 0, 0);
    }
    return d_input[static_cast<size_t>(sy) * static_cast<size_t>(width) +
                   static_cast<size_t>(sx)];
}

__device__ __forceinline__ unsigned char finishChannel(float sum, unsigned char source,
                                                       bool filtered,
                                                       const SurfaceRequest& request) {
    return filtered ? finishValue(sum, request.divisor, request.offset, request.absolute)
                    : source;
}

// One output pixel from its four sums; unselected channels are copied from the source pixel.
__device__ __forceinline__ uchar4 finishPixel(float4 sum, uchar4 source,
                                              const SurfaceRequest& request) {
    const unsigned mask = request.channelMask;
    return make_uchar4(finishChannel(sum.x, source.x, (mask & 1u) != 0u, request),
                       finishChannel(sum.y, source.y, (mask & 2u) != 0u, request),
                       finishChannel(sum.z, source.z, (mask & 4u) != 0u, request),
                       finishChannel(sum.w, source.w, (mask & 8u) != 0u, request));
}

}  // namespace convis::kernels
