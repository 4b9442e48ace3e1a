// Rank-1 splitting with an exactness rule for integer kernels and an error bound for others.
#include "core/separable_split.hpp"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <numeric>

namespace convis {

namespace {

constexpr double kExactLimit = 16777216.0;  // 2^24: float32 holds every integer below this
constexpr double kFloatEpsilon = 5.9604644775390625e-8;  // 2^-24, unit round-off of float32

std::optional<SeparableSplit> integerSplit(const Kernel& taps, const SeparableFactors& factors) {
    const int w = taps.width();
    const int h = taps.height();
    std::vector<std::int64_t> row(static_cast<std::size_t>(w));
    std::int64_t divisorOfRow = 0;
    std::size_t pivotX = 0;
    for (std::size_t x = 0; x < row.size(); ++x) {
        row[x] = static_cast<std::int64_t>(factors.row[x]);
        divisorOfRow = std::gcd(divisorOfRow, std::llabs(row[x]));
        if (std::llabs(row[x]) > std::llabs(row[pivotX])) {
            pivotX = x;
        }
    }
    if (divisorOfRow == 0) {
        return std::nullopt;
    }
    for (std::int64_t& r : row) {
        r /= divisorOfRow;
    }
    std::vector<std::int64_t> column(static_cast<std::size_t>(h));
    for (int y = 0; y < h; ++y) {
        const auto weight = static_cast<std::int64_t>(taps.at(static_cast<int>(pivotX), y));
        if (weight % row[pivotX] != 0) {
            return std::nullopt;
        }
        column[static_cast<std::size_t>(y)] = weight / row[pivotX];
    }
    double rowAbs = 0.0;
    double columnAbs = 0.0;
    for (int y = 0; y < h; ++y) {
        columnAbs += static_cast<double>(std::llabs(column[static_cast<std::size_t>(y)]));
        for (int x = 0; x < w; ++x) {
            const std::int64_t product =
                column[static_cast<std::size_t>(y)] * row[static_cast<std::size_t>(x)];
            if (static_cast<double>(product) != static_cast<double>(taps.at(x, y))) {
                return std::nullopt;  // separable() accepted it within tolerance, not exactly
            }
        }
    }
    for (std::int64_t r : row) {
        rowAbs += static_cast<double>(std::llabs(r));
    }
    if (rowAbs * 255.0 >= kExactLimit || rowAbs * columnAbs * 255.0 >= kExactLimit) {
        return std::nullopt;
    }
    SeparableSplit split;
    split.exact = true;
    for (std::int64_t r : row) {
        split.row.push_back(static_cast<float>(r));
    }
    for (std::int64_t c : column) {
        split.column.push_back(static_cast<float>(c));
    }
    return split;
}

std::optional<SeparableSplit> floatSplit(const Kernel& taps, SeparableFactors factors,
                                         float divisor) {
    const int w = taps.width();
    const int h = taps.height();
    double factorError = 0.0;
    double rowAbs = 0.0;
    double columnAbs = 0.0;
    double weightAbs = 0.0;
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            const double product =
                static_cast<double>(factors.column[static_cast<std::size_t>(y)]) *
                static_cast<double>(factors.row[static_cast<std::size_t>(x)]);
            factorError = std::max(factorError, std::fabs(product - taps.at(x, y)));
            weightAbs += std::fabs(static_cast<double>(taps.at(x, y)));
        }
    }
    for (float r : factors.row) {
        rowAbs += std::fabs(static_cast<double>(r));
    }
    for (float c : factors.column) {
        columnAbs += std::fabs(static_cast<double>(c));
    }
    // Worst case, in output steps: the factorisation error over every tap, the rounding of
    // both passes (w + h additions and products) and the rounding of the 2D reference itself.
    const double sumError = factorError * w * h * 255.0 +
                            (w + h + 2) * kFloatEpsilon * rowAbs * columnAbs * 255.0 +
                            (w * h + 1) * kFloatEpsilon * weightAbs * 255.0;
    if (sumError / std::fabs(static_cast<double>(divisor)) > 0.25) {
        return std::nullopt;
    }
    return SeparableSplit{std::move(factors.row), std::move(factors.column), false};
}

}  // namespace

std::optional<SeparableSplit> separableSplit(const Kernel& taps, float divisor) {
    if (taps.width() == 1 && taps.height() == 1) {
        return std::nullopt;  // nothing to gain
    }
    std::optional<SeparableFactors> factors = taps.separable();
    if (!factors) {
        return std::nullopt;
    }
    if (taps.isIntegerValued()) {
        return integerSplit(taps, *factors);
    }
    return floatSplit(taps, std::move(*factors), divisor);
}

}  // namespace convis
