// When and how a rank-1 kernel may run as a row pass then a column pass without changing the
// result beyond the documented tolerance.
#pragma once

#include <optional>
#include <vector>

#include "core/kernel.hpp"

namespace convis {

struct SeparableSplit {
    std::vector<float> row;     // kernel width entries, applied along x first
    std::vector<float> column;  // kernel height entries, applied along y to the row sums
    // True when every partial sum of both passes is an exact integer in float32, so the result
    // is bit-identical to the 2D sum in any order.
    bool exact = false;
};

// Factors for `taps` (correlation order) under `divisor`, or nothing when the two passes could
// change the result by more than rounding allows:
// - integer kernels get integer factors (the row through the largest weight divided by its
//   gcd; the column factors are then integers too) and are split only when
//   sum|column| * sum|row| * 255 < 2^24, so that every sum is exact and the result equals the
//   2D reference bit for bit. Otherwise nothing: the 2D path is used.
// - other kernels are split only when a bound on the factorisation and rounding error stays
//   below a quarter of an output step, so results differ from the reference by at most 1.
std::optional<SeparableSplit> separableSplit(const Kernel& taps, float divisor);

}  // namespace convis
