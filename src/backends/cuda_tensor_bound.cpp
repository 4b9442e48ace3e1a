// The error bound of the tensor-core separable kernel (see cuda_tensor_bound.hpp and the
// numerics in kernels/conv_separable_mma.cuh). No CUDA calls.
#include "backends/cuda_tensor_bound.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace convis {

namespace {

constexpr double kLargestHalf = 65504.0;
constexpr double kFloatUnit = 1.0 / 8388608.0;  // 2^-23: one unit in the last place at 1

// Spacing of binary16 values at magnitude x (> 0): 2^(e - 10), e the exponent, at least -14.
double halfSpacing(double x) {
    int exponent = 0;
    std::frexp(x, &exponent);  // x = m 2^exponent, m in [0.5, 1)
    return std::ldexp(1.0, std::max(exponent - 1, -14) - 10);
}

struct FactorSums {
    double absolute = 0.0;  // sum of |tap|
    double rounded = 0.0;   // sum of |fp16(tap)|
    double rounding = 0.0;  // sum of |tap - fp16(tap)|
};

FactorSums sums(const float* taps, int length) {
    FactorSums f;
    for (int i = 0; i < length; ++i) {
        const double w = taps[i];
        const double h = roundToHalf(w);
        f.absolute += std::fabs(w);
        f.rounded += std::fabs(h);
        f.rounding += std::fabs(w - h);
    }
    return f;
}

}  // namespace

double roundToHalf(double x) {
    if (x == 0.0 || !std::isfinite(x)) {
        return x;
    }
    const double step = halfSpacing(std::fabs(x));
    const double rounded = std::nearbyint(std::fabs(x) / step) * step;  // ties to even: exact
    return std::copysign(rounded > kLargestHalf ? std::numeric_limits<double>::infinity() : rounded,
                         x);
}

double tensorSeparableError(const SeparableTaps& taps, bool integerFactors) {
    constexpr double kInfinity = std::numeric_limits<double>::infinity();
    const FactorSums row = sums(taps.row, taps.length);
    const FactorSums column = sums(taps.column, taps.length);
    if (integerFactors) {
        // Exact: FP16 holds the taps and every row sum (integers up to 2048); the FP32 sums
        // are integers below 2^24, which no truncation touches.
        const bool exact = row.rounding == 0.0 && column.rounding == 0.0 &&
                           255.0 * row.absolute <= 2048.0 && 1279.0 * row.absolute < 16777216.0 &&
                           255.0 * row.absolute * column.absolute < 16777216.0;
        return exact ? 0.0 : kInfinity;
    }
    // Row pass: bytes biased to 1024 + v (exact halves) times FP16 taps, exact products, summed
    // in FP32 from the start value -1024 x (sum of FP16 taps). Tensor cores may truncate the
    // sums: allow 2 units in the last place of the largest partial sum per product instruction
    // (at most 5 a pass, counted as 10) and per channel pair.
    const double rowPartial = 2.0 * 1279.0 * row.rounded;
    const double rowError = 255.0 * row.rounding + 10.0 * 2.0 * rowPartial * kFloatUnit;
    const double rowMax = 255.0 * row.rounded + rowError;  // |row sum| as computed
    if (rowMax >= kLargestHalf) {
        return kInfinity;
    }
    // Row sums rounded to FP16 (half a spacing at most), then the column pass the same way.
    const double halfRound = rowMax > 0.0 ? 0.5 * halfSpacing(rowMax) : 0.0;
    const double stored = rowMax + halfRound;
    const double columnSums = 10.0 * 2.0 * stored * column.rounded * kFloatUnit;
    return column.rounding * stored + column.absolute * (rowError + halfRound) + columnSums;
}

}  // namespace convis
