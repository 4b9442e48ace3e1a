// How far the tensor-core separable kernel's sums can be from the exact ones, computed on the
// host from the actual FP16 roundings of the taps, so the plan runs a kernel on the tensor cores
// only where every output stays within 1 of the reference (exact where the factors allow).
#pragma once

#include "kernels/launch.hpp"

namespace convis {

// Binary16 rounding (to nearest, ties to even, subnormals kept; beyond the largest half: inf),
// as the GPU's cvt.rn.f16 does.
double roundToHalf(double x);

// Bound on |sum - exact sum| of the tensor-core separable kernel for these factors over bytes
// (before the divisor): taps rounded to FP16, row sums rounded to FP16 between the passes, FP32
// sums that may truncate. 0 for integer factors it computes exactly (integer taps up to 2048
// whose row sums stay within 2048, where FP16 holds every integer); infinity where it must not
// run them: other integer factors (they stay bit-identical on the FP32 kernel) or row sums that
// could overflow FP16.
double tensorSeparableError(const SeparableTaps& taps, bool integerFactors);

// The tensor-core kernel runs a rank-1 request when tensorSeparableError / |divisor| is below
// this: every output then lies within 1 of the reference, with margin for the reference's own
// FP32 rounding.
inline constexpr double kTensorErrorLimit = 0.45;

}  // namespace convis
