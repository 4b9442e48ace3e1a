// Sweeps: size lists, series from a report, crossover detection (with NaN and noise).
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "core/sweep.hpp"

using namespace convis;

namespace {

// A record of `backend` at side x side with the given warm "total" samples.
TimingRecord record(const std::string& backend, int side, std::vector<double> total,
                    const std::string& kernel = "dense9") {
    TimingRecord r;
    r.backend = backend;
    r.imageWidth = side;
    r.imageHeight = side;
    r.kernelName = kernel;
    r.stages = {{"total", "ms", {}, std::move(total)}};
    return r;
}

std::vector<SeriesPoint> series(std::initializer_list<std::pair<int, double>> points) {
    std::vector<SeriesPoint> list;
    for (const auto& [side, ms] : points) {
        list.push_back({side, side, static_cast<double>(side) * side, ms, ms, ms});
    }
    return list;
}

}  // namespace

TEST_CASE("sweep sides double from..to, or step by a fixed amount") {
    CHECK(sweepSides(32, 8192) == std::vector<int>{32, 64, 128, 256, 512, 1024, 2048, 4096, 8192});
    CHECK(sweepSides(32, 100) == std::vector<int>{32, 64});
    CHECK(sweepSides(100, 400, 100) == std::vector<int>{100, 200, 300, 400});
    CHECK(sweepSides(7, 7) == std::vector<int>{7});
    CHECK_THROWS_AS(sweepSides(0, 64), InputError);
    CHECK_THROWS_AS(sweepSides(64, 32), InputError);
    CHECK_THROWS_AS(sweepSides(32, 32768), InputError);
    CHECK_THROWS_AS(sweepSides(32, 64, -1), InputError);
}

TEST_CASE("a series takes the median of the warm samples per size, ascending, NaN skipped") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    TimingReport report;
    report.records = {record("cpu-parallel", 64, {4.0, 2.0, 3.0}),
                      record("cpu-parallel", 32, {1.0, nan, 5.0}),
                      record("cpu-parallel", 128, {nan, nan}),  // nothing finite: left out
                      record("cpu-parallel", 16, {1.0}, "dense3"), record("cuda-tiled", 32, {0.5})};
    const std::vector<SeriesPoint> s = sweepSeries(report, "cpu-parallel", "dense9", "total");
    REQUIRE(s.size() == 2);
    CHECK(s[0].width == 32);
    CHECK(s[0].median == 3.0);  // of 1 and 5, the NaN ignored
    CHECK(s[1].width == 64);
    CHECK(s[1].median == 3.0);
    CHECK(s[1].p10 == doctest::Approx(2.2));
    CHECK(sweepSeries(report, "cpu-parallel", "dense9", "kernel-only").empty());
}

TEST_CASE("the crossover is the smallest size from which the GPU stays faster") {
    const auto cpu = series({{32, 0.01}, {64, 0.04}, {128, 0.16}, {256, 0.64}, {512, 2.56}});
    SUBCASE("a clean crossover") {
        const auto gpu = series({{32, 0.3}, {64, 0.3}, {128, 0.31}, {256, 0.4}, {512, 0.8}});
        const auto x = crossoverPoint(gpu, cpu);
        REQUIRE(x.has_value());
        CHECK(x->width == 256);
    }
    SUBCASE("a noisy early win does not count when the GPU loses again") {
        const auto gpu = series({{32, 0.005}, {64, 0.3}, {128, 0.31}, {256, 0.4}, {512, 0.8}});
        CHECK(crossoverPoint(gpu, cpu)->width == 256);
    }
    SUBCASE("never faster") {
        const auto gpu = series({{32, 1.0}, {64, 1.0}, {128, 1.0}, {256, 1.0}, {512, 3.0}});
        CHECK_FALSE(crossoverPoint(gpu, cpu).has_value());
    }
    SUBCASE("faster everywhere: the smallest size") {
        const auto gpu =
            series({{32, 0.001}, {64, 0.002}, {128, 0.003}, {256, 0.004}, {512, 0.005}});
        CHECK(crossoverPoint(gpu, cpu)->width == 32);
    }
    SUBCASE("only common sizes count (the sequential path may stop early)") {
        const auto shortCpu = series({{32, 0.01}, {64, 0.04}});
        const auto gpu = series({{32, 0.3}, {64, 0.03}, {128, 0.05}});
        CHECK(crossoverPoint(gpu, shortCpu)->width == 64);
        CHECK_FALSE(crossoverPoint(gpu, series({{1024, 1.0}})).has_value());
        CHECK_FALSE(crossoverPoint({}, cpu).has_value());
    }
    SUBCASE("equal times are not a win") {
        const auto gpu = series({{32, 0.01}, {64, 0.04}, {128, 0.16}, {256, 0.64}, {512, 2.56}});
        CHECK_FALSE(crossoverPoint(gpu, cpu).has_value());
    }
}

TEST_CASE("findCrossovers pairs every GPU with every CPU backend per kernel") {
    TimingReport report;
    for (int side : {32, 64, 128}) {
        const double pixels = static_cast<double>(side) * side;
        report.records.push_back(record("cpu-sequential", side, {pixels * 1e-3}));
        report.records.push_back(record("cpu-parallel", side, {pixels * 1e-4}));
        report.records.push_back(record("cuda-tiled", side, {0.5 + pixels * 1e-6}));
    }
    const std::vector<Crossover> list = findCrossovers(report);
    REQUIRE(list.size() == 2);
    CHECK(list[0].cpuBackend == "cpu-sequential");
    CHECK(list[0].found);
    CHECK(list[0].width == 32);  // 1.02 ms vs 1.024 ms
    CHECK(list[0].gpuMs == doctest::Approx(0.5 + 1024e-6));
    CHECK(list[0].cpuMs == doctest::Approx(1.024));
    CHECK(list[0].text.find("from 32x32") != std::string::npos);
    CHECK(list[1].cpuBackend == "cpu-parallel");
    CHECK(list[1].found);
    CHECK(list[1].width == 128);  // 0.516 vs 1.6384; at 64: 0.504 vs 0.4096
    // Without a GPU backend there is nothing to pair.
    TimingReport cpuOnly;
    cpuOnly.records = {record("cpu-parallel", 32, {1.0})};
    CHECK(findCrossovers(cpuOnly).empty());
    CHECK(reportBackends(report) ==
          std::vector<std::string>{"cpu-sequential", "cpu-parallel", "cuda-tiled"});
}
