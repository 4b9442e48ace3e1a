// Static row-band partition for the parallel CPU backend and the animation that shows it.
#include "core/row_bands.hpp"

#include <sched.h>

#include <algorithm>
#include <string>
#include <thread>

#include "core/error.hpp"

namespace convis {

int resolveThreadCount(int requested, int hardwareThreads) {
    const int cores = std::max(1, hardwareThreads);
    if (requested <= 0) {
        return cores;
    }
    return std::min(requested, cores);
}

int hardwareThreadCount() {
    // The CPUs this process may run on (taskset, container limits), else what the runtime says.
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) {
        return CPU_COUNT(&set);
    }
    return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

std::vector<RowBand> rowBands(int height, int threads) {
    if (height < 0) {
        throw InputError("cannot split " + std::to_string(height) + " rows into bands");
    }
    // Band t holds rows [t * h / n, (t + 1) * h / n): n = min(threads, height) non-empty bands.
    const int count = std::max(1, std::min(threads, height));
    std::vector<RowBand> bands;
    bands.reserve(static_cast<std::size_t>(count));
    for (int t = 0; t < count; ++t) {
        const auto first = static_cast<int>(static_cast<long long>(t) * height / count);
        const auto last = static_cast<int>(static_cast<long long>(t + 1) * height / count);
        bands.push_back({t, first, last - first});
    }
    return bands;
}

int threadForRow(const std::vector<RowBand>& bands, int y) {
    for (const RowBand& band : bands) {
        if (y >= band.firstRow && y < band.firstRow + band.rowCount) {
            return band.thread;
        }
    }
    return -1;
}

}  // namespace convis
