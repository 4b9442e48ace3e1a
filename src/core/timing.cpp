// Median, percentiles and summary statistics for timing samples.
#include "core/timing.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

namespace convis {

double percentile(std::span<const double> values, double p) {
    if (values.empty()) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    std::vector<double> sorted(values.begin(), values.end());
    std::sort(sorted.begin(), sorted.end());
    const double clamped = std::clamp(p, 0.0, 1.0);
    const double h = static_cast<double>(sorted.size() - 1) * clamped;
    const auto low = static_cast<std::size_t>(std::floor(h));
    const std::size_t high = std::min(low + 1, sorted.size() - 1);
    return sorted[low] + (h - static_cast<double>(low)) * (sorted[high] - sorted[low]);
}

SampleStats summarize(std::span<const double> values) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    SampleStats stats{values.size(), nan, nan, nan, nan, nan, nan};
    if (values.empty()) {
        return stats;
    }
    stats.median = percentile(values, 0.5);
    stats.p10 = percentile(values, 0.1);
    stats.p90 = percentile(values, 0.9);
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    stats.min = *lo;
    stats.max = *hi;
    stats.mean =
        std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
    return stats;
}

}  // namespace convis
