// Sweeps over image size: the size lists, the per-backend series taken from a report, and the
// crossover where a GPU path's time first beats a CPU path's for good.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/timing_report.hpp"

namespace convis {

// Square sides from `from` to `to`: doubling (32, 64, ..., 8192), or every `step` pixels when
// step > 0. Throws InputError for sides outside 1..16384 or from > to.
std::vector<int> sweepSides(int from, int to, int step = 0);

// One point of a series: the median (and spread) of a stage at one image size.
struct SeriesPoint {
    int width = 0;
    int height = 0;
    double pixels = 0.0;
    double median = 0.0;
    double p10 = 0.0;
    double p90 = 0.0;
};

// The warm samples of `stage` for one backend and kernel, one point per image size, ascending
// by pixel count. Records without that stage or with no finite sample are left out.
std::vector<SeriesPoint> sweepSeries(const TimingReport& report, const std::string& backend,
                                     const std::string& kernelName, const std::string& stage);

// The smallest size, among the sizes both series measured, from which `fast` has a lower median
// than `slow` at that size and at every larger common size. Nullopt when it never does, or when
// the two share no size. (Stable rather than the first win, so one noisy sample does not place
// the crossover.)
std::optional<SeriesPoint> crossoverPoint(std::span<const SeriesPoint> fast,
                                          std::span<const SeriesPoint> slow);

struct Crossover {
    std::string gpuBackend;
    std::string cpuBackend;
    std::string kernelName;
    std::string stage;  // "total": end to end
    bool found = false;
    int width = 0;  // the crossover size, when found
    int height = 0;
    double gpuMs = 0.0;  // the medians there
    double cpuMs = 0.0;
    std::string text;  // "cuda-tiled beats cpu-parallel from 256x256 (dense9)" or why not
};

// For every kernel, every GPU backend (id "cuda-...") against every CPU backend ("cpu-..."),
// on the end-to-end stage "total".
std::vector<Crossover> findCrossovers(const TimingReport& report);

// The distinct backends and kernel names of a report, in order of first appearance.
std::vector<std::string> reportBackends(const TimingReport& report);
std::vector<std::string> reportKernels(const TimingReport& report);

}  // namespace convis
