// Sweep sizes, series and crossover detection.
#include "core/sweep.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/timing.hpp"

namespace convis {

std::vector<int> sweepSides(int from, int to, int step) {
    constexpr int kMaxSide = 16384;
    if (from < 1 || to > kMaxSide || from > to) {
        throw InputError("sweep sizes must satisfy 1 <= from <= to <= " + std::to_string(kMaxSide) +
                         " (got " + std::to_string(from) + " to " + std::to_string(to) + ")");
    }
    if (step < 0) {
        throw InputError("sweep step must be >= 0 (0 = doubling)");
    }
    std::vector<int> sides;
    for (long long s = from; s <= to; s = step > 0 ? s + step : s * 2) {
        sides.push_back(static_cast<int>(s));
    }
    return sides;
}

std::vector<SeriesPoint> sweepSeries(const TimingReport& report, const std::string& backend,
                                     const std::string& kernelName, const std::string& stage) {
    std::vector<SeriesPoint> points;
    for (const TimingRecord& r : report.records) {
        if (r.backend != backend || r.kernelName != kernelName) {
            continue;
        }
        for (const StageSeries& s : r.stages) {
            if (s.name != stage) {
                continue;
            }
            std::vector<double> finite;
            std::copy_if(s.warm.begin(), s.warm.end(), std::back_inserter(finite),
                         [](double v) { return std::isfinite(v); });
            if (finite.empty()) {
                continue;
            }
            const SampleStats stats = summarize(finite);
            points.push_back({r.imageWidth, r.imageHeight,
                              static_cast<double>(r.imageWidth) * r.imageHeight, stats.median,
                              stats.p10, stats.p90});
        }
    }
    std::stable_sort(points.begin(), points.end(), [](const SeriesPoint& a, const SeriesPoint& b) {
        return a.pixels < b.pixels;
    });
    return points;
}

std::optional<SeriesPoint> crossoverPoint(std::span<const SeriesPoint> fast,
                                          std::span<const SeriesPoint> slow) {
    // Pairs at the common sizes, ascending.
    std::vector<std::pair<SeriesPoint, SeriesPoint>> common;
    for (const SeriesPoint& f : fast) {
        for (const SeriesPoint& s : slow) {
            if (s.width == f.width && s.height == f.height) {
                common.emplace_back(f, s);
                break;
            }
        }
    }
    std::optional<SeriesPoint> result;
    for (auto it = common.rbegin(); it != common.rend(); ++it) {
        if (it->first.median < it->second.median) {
            result = it->first;
        } else {
            break;
        }
    }
    return result;
}

std::vector<std::string> reportBackends(const TimingReport& report) {
    std::vector<std::string> list;
    for (const TimingRecord& r : report.records) {
        if (std::find(list.begin(), list.end(), r.backend) == list.end()) {
            list.push_back(r.backend);
        }
    }
    return list;
}

std::vector<std::string> reportKernels(const TimingReport& report) {
    std::vector<std::string> list;
    for (const TimingRecord& r : report.records) {
        if (std::find(list.begin(), list.end(), r.kernelName) == list.end()) {
            list.push_back(r.kernelName);
        }
    }
    return list;
}

std::vector<Crossover> findCrossovers(const TimingReport& report) {
    std::vector<Crossover> list;
    const std::vector<std::string> backends = reportBackends(report);
    for (const std::string& kernel : reportKernels(report)) {
        for (const std::string& gpu : backends) {
            if (!gpu.starts_with("cuda")) {
                continue;
            }
            const std::vector<SeriesPoint> g = sweepSeries(report, gpu, kernel, "total");
            for (const std::string& cpu : backends) {
                if (!cpu.starts_with("cpu")) {
                    continue;
                }
                const std::vector<SeriesPoint> c = sweepSeries(report, cpu, kernel, "total");
                Crossover x;
                x.gpuBackend = gpu;
                x.cpuBackend = cpu;
                x.kernelName = kernel;
                x.stage = "total";
                if (const std::optional<SeriesPoint> p = crossoverPoint(g, c)) {
                    x.found = true;
                    x.width = p->width;
                    x.height = p->height;
                    x.gpuMs = p->median;
                    for (const SeriesPoint& s : c) {
                        if (s.width == p->width && s.height == p->height) {
                            x.cpuMs = s.median;
                        }
                    }
                    x.text = gpu + " beats " + cpu + " end to end from " + std::to_string(x.width) +
                             "x" + std::to_string(x.height) + " (" + kernel + ")";
                } else {
                    x.text = gpu + " never beats " + cpu + " end to end at the sizes measured (" +
                             kernel + ")";
                }
                list.push_back(std::move(x));
            }
        }
    }
    return list;
}

}  // namespace convis
