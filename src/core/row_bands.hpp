// Static row bands: which thread of the parallel CPU backend computes which output rows.
#pragma once

#include <vector>

namespace convis {

// One thread's share of the image: rows [firstRow, firstRow + rowCount).
struct RowBand {
    int thread = 0;
    int firstRow = 0;
    int rowCount = 0;

    bool operator==(const RowBand& other) const = default;
};

// The thread count a run really uses: requested 0 means one per hardware thread; the result is
// clamped to 1..hardwareThreads (and hardwareThreads < 1 is taken as 1).
int resolveThreadCount(int requested, int hardwareThreads);

// The CPUs this process may run on (its affinity mask), else the hardware thread count; >= 1.
int hardwareThreadCount();

// Splits height rows into n = min(threads, height) contiguous bands (at least one), one per
// thread in thread order: band t holds rows [t * height / n, (t + 1) * height / n), so sizes
// differ by at most one row and every row is covered exactly once. Threads beyond the row
// count get no band. Throws InputError for a negative height.
std::vector<RowBand> rowBands(int height, int threads);

// The thread that computes row y under the given bands, or -1 when no band holds it.
int threadForRow(const std::vector<RowBand>& bands, int y);

}  // namespace convis
