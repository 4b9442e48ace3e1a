// Statistics over timing samples: median and percentiles with one stated definition.
#pragma once

#include <cstddef>
#include <span>

namespace convis {

// The p-quantile (p in 0..1) by linear interpolation between closest ranks (Hyndman and Fan's
// type 7, the default of R, NumPy and spreadsheets): with the n values sorted as x[0..n-1],
// h = (n - 1) * p and the result is x[floor(h)] + (h - floor(h)) * (x[floor(h) + 1] - x[floor(h)]).
// One value gives that value for every p; no values give NaN. p outside 0..1 is clamped.
double percentile(std::span<const double> values, double p);

struct SampleStats {
    std::size_t count = 0;
    double median;  // NaN when count == 0
    double p10;
    double p90;
    double min;
    double max;
    double mean;
};

SampleStats summarize(std::span<const double> values);

}  // namespace convis
