// Static row-band partition for the parallel CPU backend and the animation that shows it.
#include "core/row_bands.hpp"

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
    return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

std::vector<RowBand> rowBands(int height, int threads) {
    if (height < 0) {
        throw InputError("cannot split " + std::to_string(height) + " rows into bands");
    }
    const int count = std::max(1, threads);
    const int base = height / count;
    const int extra = height % count;
    std::vector<RowBand> bands;
    bands.reserve(static_cast<std::size_t>(count));
    int next = 0;
    for (int t = 0; t < count; ++t) {
        const int rows = base + (t < extra ? 1 : 0);
        bands.push_back({t, next, rows});
        next += rows;
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
