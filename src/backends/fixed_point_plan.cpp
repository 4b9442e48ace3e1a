// Fixed-point plans for rank-1 kernels: integer factors exactly, float factors quantised to int16
// only where a worst-case bound computed from the actual quantisation errors allows it.
#include "backends/fixed_point_plan.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "core/separable_split.hpp"

namespace convis {

namespace {

constexpr std::int64_t kInt16Max = 32767;
constexpr std::int64_t kInt16Min = -32768;
constexpr std::int64_t kInt32Max = 2147483647;
constexpr double kExactLimit = 16777216.0;               // 2^24: float32 integers are exact below
constexpr double kFloatEpsilon = 5.9604644775390625e-8;  // 2^-24, unit round-off of float32
constexpr int kMaxValue = 255;

template <typename T>
int symmetryOf(const std::vector<T>& f) {
    const std::size_t n = f.size();
    bool symmetric = true;
    bool antisymmetric = true;
    for (std::size_t k = 0; k < n; ++k) {
        symmetric = symmetric && f[k] == f[n - 1 - k];
        antisymmetric = antisymmetric && f[k] == -f[n - 1 - k];
    }
    return symmetric ? 1 : (antisymmetric ? -1 : 0);
}

// The extreme values of sum(weights * p) over p in 0..255: 255 times the negative and the
// positive weights' sums.
struct Range {
    std::int64_t low = 0;
    std::int64_t high = 0;
};
Range sumRange(const std::vector<std::int64_t>& weights) {
    Range r;
    for (std::int64_t w : weights) {
        (w < 0 ? r.low : r.high) += w * kMaxValue;
    }
    return r;
}

bool fitsInt16(std::int64_t low, std::int64_t high) {
    return low >= kInt16Min && high <= kInt16Max;
}

// The intermediate h lies in [low, high]; the horizontal pass adds (symmetric row) or subtracts
// (antisymmetric row) mirrored pairs of it in int16 before multiplying.
bool intermediateFits(Range h, int rowSymmetry) {
    if (rowSymmetry > 0) {
        return fitsInt16(2 * h.low, 2 * h.high);
    }
    if (rowSymmetry < 0) {
        return fitsInt16(h.low - h.high, h.high - h.low);
    }
    return fitsInt16(h.low, h.high);
}

std::int64_t floorShift(std::int64_t v, int shift) {
    const std::int64_t half = shift > 0 ? std::int64_t{1} << (shift - 1) : 0;
    return (v + half) >> shift;  // arithmetic: floor((v + half) / 2^shift)
}

std::vector<std::int16_t> narrowed(const std::vector<std::int64_t>& v) {
    std::vector<std::int16_t> out;
    for (std::int64_t x : v) {
        out.push_back(static_cast<std::int16_t>(x));
    }
    return out;
}

std::int64_t absSum(const std::vector<std::int64_t>& v) {
    std::int64_t s = 0;
    for (std::int64_t x : v) {
        s += std::llabs(x);
    }
    return s;
}

std::int64_t maxAbs(Range r) {
    return std::max(std::llabs(r.low), std::llabs(r.high));
}

// Integer kernels: the integer factors of separableSplit(), whose sums are exact integers below
// 2^24, so S is the reference's own sum and any finish that reproduces finishValue() on it is
// bit-identical. A power-of-two divisor with an offset on its grid finishes with a shift: then
// |S| / d + offset = (|S| + offset * d) / d is exact in float32 as well (its numerator is an
// integer below 2^24), and rounding half away from zero equals floor(x + 1/2) wherever the
// saturated result can differ from 0.
std::optional<FixedPointPlan> integerPlan(const Kernel& taps, float divisor, float offset,
                                          bool absolute) {
    const std::optional<SeparableSplit> split = separableSplit(taps, divisor);
    if (!split || !split->exact) {
        return std::nullopt;
    }
    std::vector<std::int64_t> row;
    std::vector<std::int64_t> column;
    for (float r : split->row) {
        row.push_back(static_cast<std::int64_t>(r));
    }
    for (float c : split->column) {
        column.push_back(static_cast<std::int64_t>(c));
    }
    for (const auto* factor : {&row, &column}) {
        for (std::int64_t v : *factor) {
            if (v < -kInt16Max || v > kInt16Max) {
                return std::nullopt;
            }
        }
    }
    FixedPointPlan plan;
    plan.exact = true;
    plan.absolute = absolute;
    plan.rowSymmetry = symmetryOf(row);
    plan.columnSymmetry = symmetryOf(column);
    if (!intermediateFits(sumRange(column), plan.rowSymmetry)) {
        return std::nullopt;  // h = V exactly (no shift), so V itself must fit
    }
    const double sumBound = static_cast<double>(maxAbs(sumRange(column)) * absSum(row));
    int exponent = 0;
    const double mantissa = std::frexp(static_cast<double>(divisor), &exponent);
    const int shift = exponent - 1;
    const double scaledOffset = std::ldexp(static_cast<double>(offset), std::max(shift, 0));
    if (mantissa == 0.5 && shift >= 0 && shift <= 23 &&
        std::nearbyint(scaledOffset) == scaledOffset &&
        sumBound + std::fabs(scaledOffset) < kExactLimit) {
        plan.outputShift = shift;
        plan.outputAdd = static_cast<std::int32_t>(scaledOffset) +
                         (shift > 0 ? std::int32_t{1} << (shift - 1) : 0);
    } else {
        plan.floatFinish = true;
    }
    plan.row = narrowed(row);
    plan.column = narrowed(column);
    return plan;
}

// Float kernels: column factors quantised to P = round(c * 2^sc), the vertical sums shifted into
// int16 by sh, row factors (divisor folded in) quantised to Q = round(r / d * 2^sr), output scale
// 2^t with t = sr + sc - sh. Each scale is the finest whose ranges provably fit; the bound then
// decides.
std::optional<FixedPointPlan> floatPlan(const Kernel& taps, float divisor, float offset,
                                        bool absolute) {
    const std::optional<SeparableFactors> factors = taps.separable();
    if (!factors) {
        return std::nullopt;
    }
    const auto quantise = [](const std::vector<double>& values, int scale) {
        std::vector<std::int64_t> q;
        for (double v : values) {
            q.push_back(static_cast<std::int64_t>(std::nearbyint(std::ldexp(v, scale))));
        }
        return q;
    };
    const auto fitsWeights = [](const std::vector<std::int64_t>& q) {
        return std::all_of(q.begin(), q.end(),
                           [](std::int64_t v) { return v >= -kInt16Max && v <= kInt16Max; });
    };
    std::vector<double> column(factors->column.begin(), factors->column.end());
    std::vector<double> row;
    for (float r : factors->row) {
        row.push_back(static_cast<double>(r) / static_cast<double>(divisor));
    }
    FixedPointPlan plan;
    plan.absolute = absolute;
    int sc = 30;
    while (sc >= 0 && !fitsWeights(quantise(column, sc))) {
        --sc;
    }
    if (sc < 0) {
        return std::nullopt;
    }
    const std::vector<std::int64_t> p = quantise(column, sc);
    plan.columnSymmetry = symmetryOf(p);
    const Range v = sumRange(p);
    int sh = 0;
    for (;; ++sh) {
        if (sh > 30) {
            return std::nullopt;
        }
        // Row symmetry is that of the quantised row, which depends on sr, but mirrored values
        // quantise alike, so the float row's symmetry is the quantised one's.
        if (intermediateFits({floorShift(v.low, sh), floorShift(v.high, sh)}, symmetryOf(row))) {
            break;
        }
    }
    const std::int64_t hMax = maxAbs({floorShift(v.low, sh), floorShift(v.high, sh)});
    for (int sr = 40; sr >= 0; --sr) {
        const int t = sr + sc - sh;
        if (t < 1 || t > 30) {
            continue;
        }
        const std::vector<std::int64_t> q = quantise(row, sr);
        const double add =
            std::nearbyint(std::ldexp(static_cast<double>(offset), t)) + std::ldexp(1.0, t - 1);
        if (!fitsWeights(q) || std::fabs(add) + static_cast<double>(absSum(q) * hMax) >
                                   static_cast<double>(kInt32Max)) {
            continue;
        }
        plan.row = narrowed(q);
        plan.column = narrowed(p);
        plan.rowSymmetry = symmetryOf(q);
        plan.intermediateShift = sh;
        plan.outputShift = t;
        plan.outputAdd = static_cast<std::int32_t>(add);
        if (!intermediateFits({floorShift(v.low, sh), floorShift(v.high, sh)}, plan.rowSymmetry)) {
            return std::nullopt;  // not reached: mirrored values quantise alike
        }
        const FixedPointBound bound = fixedPointErrorBound(taps, divisor, offset, plan);
        plan.fixedError = bound.fixedError;
        plan.referenceError = bound.referenceError;
        if (bound.fixedError + bound.referenceError < 1.0) {
            return plan;
        }
        return std::nullopt;  // a coarser sr only adds error
    }
    return std::nullopt;
}

}  // namespace

// Derivation. Write p(x, y) for the input values (0..255) of one output's window, w(x, y) for
// the float weights, d for the divisor, o for the offset, and E = sum w p / d + o for the exact
// value. With the plan's integers (see FixedPointPlan), V(x) = sum_y P_y p(x, y) is exact and
// h(x) = V(x) / 2^sh + eps(x) with |eps(x)| <= 1/2 (eps = 0 when every P_y is a multiple of
// 2^sh); S = sum_x Q_x h(x) is exact, and the value the path rounds is
//   F = (S + outputAdd - 2^(t-1)) / 2^t
//     = sum_xy (Q_x P_y / 2^(t + sh)) p(x, y) + sum_x Q_x eps(x) / 2^t + o',
// with o' = (outputAdd - 2^(t-1)) / 2^t the quantised offset. Hence, with
// e(x, y) = Q_x P_y / 2^(t + sh) - w(x, y) / d,
//   |F - E| <= |sum e p| + sum |Q_x| / 2^(t+1) + |o' - o|,
// and the worst case of |sum e p| over p in 0..255 is 255 * max(sum of the positive e, sum of
// the negative |e|) (every p at 255 where e has one sign, 0 elsewhere). This holds for every
// factor sign (Sobel-type kernels included) and with the absolute value, since
// ||a| - |b|| <= |a - b|. The reference rounds R = fl(fl(S_ref / d) + o) (after an optional
// abs), where S_ref is the float32 sum of n = kw * kh products: the standard bound for recursive
// summation, |S_ref - sum w p| <= gamma_n sum |w p| with gamma_n = n u / (1 - n u), u = 2^-24,
// and two more roundings give |R - E| <= gamma_(n+2) (255 sum |w| / |d| + |o|). Both paths round
// half away from zero and saturate, which is monotonic and moves by at most 1 when its argument
// moves by at most 1, so |F - E| + |R - E| < 1 gives results at most one step apart.
// The doubles used here are exact for the integer products and carry a relative error of about
// 2^-53 elsewhere, covered by a small slack term.
FixedPointBound fixedPointErrorBound(const Kernel& taps, float divisor, float offset,
                                     const FixedPointPlan& plan) {
    const int t = plan.outputShift;
    const int sh = plan.intermediateShift;
    const double d = static_cast<double>(divisor);
    double positive = 0.0;
    double negative = 0.0;
    double weightAbs = 0.0;
    for (int y = 0; y < taps.height(); ++y) {
        for (int x = 0; x < taps.width(); ++x) {
            const double implied =
                std::ldexp(static_cast<double>(plan.row[static_cast<std::size_t>(x)]) *
                               static_cast<double>(plan.column[static_cast<std::size_t>(y)]),
                           -(t + sh));
            const double w = static_cast<double>(taps.at(x, y));
            const double e = implied - w / d;
            (e > 0.0 ? positive : negative) += std::fabs(e);
            weightAbs += std::fabs(w);
        }
    }
    const bool exactIntermediate =
        std::all_of(plan.column.begin(), plan.column.end(),
                    [sh](std::int16_t c) { return c % (std::int64_t{1} << sh) == 0; });
    double rowAbs = 0.0;
    for (std::int16_t q : plan.row) {
        rowAbs += std::fabs(static_cast<double>(q));
    }
    const double roundingError = exactIntermediate ? 0.0 : std::ldexp(rowAbs, -(t + 1));
    const double half = t > 0 ? std::ldexp(1.0, t - 1) : 0.0;
    const double quantisedOffset = std::ldexp(static_cast<double>(plan.outputAdd) - half, -t);
    const double offsetError = std::fabs(quantisedOffset - static_cast<double>(offset));
    const double scale =
        kMaxValue * weightAbs / std::fabs(d) + std::fabs(static_cast<double>(offset));
    const double slack = 1e-12 * (scale + 1.0);
    const double n = static_cast<double>(taps.width() * taps.height() + 2);
    const double gamma = n * kFloatEpsilon / (1.0 - n * kFloatEpsilon);
    return {kMaxValue * std::max(positive, negative) + roundingError + offsetError + slack,
            gamma * scale};
}

std::optional<FixedPointPlan> planFixedPoint(const Kernel& taps, float divisor, float offset,
                                             bool absolute) {
    if (taps.width() * taps.height() == 1 || divisor == 0.0f) {
        return std::nullopt;  // nothing to gain (and nothing to divide by)
    }
    if (taps.isIntegerValued()) {
        return integerPlan(taps, divisor, offset, absolute);
    }
    return floatPlan(taps, divisor, offset, absolute);
}

}  // namespace convis
