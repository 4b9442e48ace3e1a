// The post-operation every backend applies to a float32 sum: divide, absolute value, offset,
// round half away from zero, saturate to 0..255. Shared with CUDA device code.
#pragma once

#include <cmath>
#include <cstdint>

#include "core/host_device.hpp"

namespace convis {

// Division is IEEE division (never a reciprocal multiply, never fast-math) so that integer
// weights with an integer divisor give bit-identical results on every backend.
CONVIS_HD inline std::uint8_t finishValue(float sum, float divisor, float offset, bool absolute) {
    float v = sum / divisor;
    if (absolute) {
        v = fabsf(v);
    }
    v = roundf(v + offset);  // roundf rounds half away from zero
    if (!(v > 0.0f)) {       // also catches NaN, which finite inputs never produce
        return 0;
    }
    if (v >= 255.0f) {
        return 255;
    }
    return static_cast<std::uint8_t>(v);
}

}  // namespace convis
