// When and how a rank-1 kernel may run in 16/32-bit fixed point (a vertical pass of u8 x int16
// weights into int16 intermediates, then a horizontal pass of int16 x int16 -> int32 sums) and
// still give the reference's result within its tolerance: exactly for integer kernels, within
// one step for float kernels, with the proof done at plan time.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/kernel.hpp"

namespace convis {

// The integers the fixed-point passes run with. For output (x, y) and channel c:
//   V(x') = sum over ky of column[ky] * in(x', y + ky - ry)           (exact, int32)
//   h(x') = floor((V(x') + 2^(intermediateShift - 1)) / 2^intermediateShift)   (int16)
//   S     = sum over kx of row[kx] * h(x + kx - rx)                    (exact, int32)
// then the finish: either the reference's float finishValue() on S (floatFinish: integer kernels
// whose divisor is not a power of two; S is then the reference's own exact sum), or
//   out = clamp(floor(((absolute ? |S| : S) + outputAdd) / 2^outputShift), 0, 255).
struct FixedPointPlan {
    std::vector<std::int16_t> row;     // kernel width entries, horizontal pass
    std::vector<std::int16_t> column;  // kernel height entries, vertical pass
    int intermediateShift = 0;
    int outputShift = 0;
    std::int32_t outputAdd = 0;  // the offset and the rounding half, in units of 2^-outputShift
    bool absolute = false;
    bool floatFinish = false;
    bool exact = false;  // integer kernel: bit-identical to the reference
    // Symmetry of each factor (+1 symmetric, -1 antisymmetric, 0 neither): the passes add or
    // subtract mirrored taps before multiplying, so the int16 ranges below include that.
    int rowSymmetry = 0;
    int columnSymmetry = 0;
    // The proof (float kernels): |fixed-point value - exact value| and |reference - exact|,
    // both in output steps, worst case over every input in 0..255.
    double fixedError = 0.0;
    double referenceError = 0.0;
};

// The error bounds of a candidate plan for a float kernel, in output steps (see the .cpp for the
// derivation). fixedError bounds |F - E| where F = (S + outputAdd - half) / 2^outputShift is the
// value the fixed-point path rounds and E = sum(w * p) / divisor + offset is the exact value of
// the float weights; referenceError bounds |R - E| where R is the value the reference rounds.
// When fixedError + referenceError < 1, the two rounded results differ by at most 1.
struct FixedPointBound {
    double fixedError = 0.0;
    double referenceError = 0.0;
};
FixedPointBound fixedPointErrorBound(const Kernel& taps, float divisor, float offset,
                                     const FixedPointPlan& plan);

// The plan for `taps` (correlation order) with this post-operation, or nothing when the kernel is
// not rank 1, a range does not fit, or (float kernels) the bound does not prove the result stays
// within one step of the reference. Integer kernels are planned only where every sum is exact.
std::optional<FixedPointPlan> planFixedPoint(const Kernel& taps, float divisor, float offset,
                                             bool absolute);

}  // namespace convis
