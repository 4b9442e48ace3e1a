// The sweep runner on the CPU backends: cases in order, the sequential cap, and a cancelled
// sweep that keeps only whole cases and says so.
#include <doctest/doctest.h>

#include <atomic>

#include "backends/sweep_runner.hpp"
#include "core/error.hpp"
#include "core/export_csv.hpp"
#include "core/export_json.hpp"

using namespace convis;

namespace {

SweepPlan smallPlan() {
    SweepPlan plan;
    plan.sides = {16, 32, 64};
    plan.kernelSizes = {3};
    plan.backends = {"cpu-sequential", "cpu-parallel"};
    plan.warmup = 1;
    plan.samples = 2;
    plan.threads = 2;
    return plan;
}

// A record is whole when every stage that has samples has all of them.
void checkWhole(const TimingRecord& r, const SweepPlan& plan) {
    CHECK(r.warmupCount == plan.warmup);
    CHECK(r.sampleCount == plan.samples);
    bool total = false;
    for (const StageSeries& s : r.stages) {
        if (s.name == "total") {
            total = true;
            CHECK(s.cold.size() == static_cast<std::size_t>(plan.warmup));
            CHECK(s.warm.size() == static_cast<std::size_t>(plan.samples));
        }
    }
    CHECK(total);
}

}  // namespace

TEST_CASE("a sweep runs every size x backend in order and caps the sequential path") {
    const BackendRegistry registry;
    SweepPlan plan = smallPlan();
    plan.maxSequentialPixels = 32 * 32;
    std::vector<double> fractions;
    const SweepOutcome outcome = runSweep(
        registry, plan, nullptr, [&](const SweepProgress& p) { fractions.push_back(p.fraction); });
    CHECK_FALSE(outcome.cancelled);
    CHECK(outcome.plannedCases == 5);  // sequential skips 64x64
    REQUIRE(outcome.report.records.size() == 5);
    CHECK(outcome.report.kind == "sweep");
    CHECK(outcome.report.records[0].backend == "cpu-sequential");
    CHECK(outcome.report.records[0].imageWidth == 16);
    CHECK(outcome.report.records[4].backend == "cpu-parallel");
    CHECK(outcome.report.records[4].imageWidth == 64);
    CHECK(outcome.report.records[4].kernelName == "dense3");
    for (const TimingRecord& r : outcome.report.records) {
        checkWhole(r, plan);
    }
    REQUIRE(outcome.report.notes.size() == 1);
    CHECK(outcome.report.notes[0].find("64x64") != std::string::npos);
    CHECK(std::is_sorted(fractions.begin(), fractions.end()));
    CHECK(fractions.back() == doctest::Approx(1.0));
}

TEST_CASE("a cancelled sweep keeps the whole cases before the cancel, and says so") {
    const BackendRegistry registry;
    const SweepPlan plan = smallPlan();
    for (std::size_t stopAfter : {std::size_t{0}, std::size_t{1}, std::size_t{3}}) {
        CAPTURE(stopAfter);
        std::atomic<bool> cancel{false};
        const SweepOutcome outcome = runSweep(registry, plan, &cancel, [&](const SweepProgress& p) {
            if (p.done == stopAfter) {
                cancel.store(true);  // while case stopAfter is about to run: it is dropped
            }
        });
        CHECK(outcome.cancelled);
        CHECK(outcome.plannedCases == 6);
        REQUIRE(outcome.report.records.size() == stopAfter);
        for (const TimingRecord& r : outcome.report.records) {
            checkWhole(r, plan);
        }
        REQUIRE_FALSE(outcome.report.notes.empty());
        CHECK(outcome.report.notes.back() ==
              "cancelled after " + std::to_string(stopAfter) + " of 6 cases");
        // The partial result is a valid report: it survives both exports.
        CHECK(parseTimingReportJson(timingReportJson(outcome.report)) == outcome.report);
        CHECK_FALSE(timingReportCsv(outcome.report).empty());
    }
}

TEST_CASE("a bad sweep plan is an InputError before anything runs") {
    const BackendRegistry registry;
    SweepPlan plan = smallPlan();
    plan.kernelSizes = {4};
    CHECK_THROWS_AS(runSweep(registry, plan, nullptr, {}), InputError);
    plan = smallPlan();
    plan.backends = {"no-such-backend"};
    CHECK_THROWS_AS(runSweep(registry, plan, nullptr, {}), InputError);
    plan = smallPlan();
    plan.sides.clear();
    CHECK_THROWS_AS(runSweep(registry, plan, nullptr, {}), InputError);
    plan = smallPlan();
    plan.samples = 0;
    CHECK_THROWS_AS(runSweep(registry, plan, nullptr, {}), InputError);
}
