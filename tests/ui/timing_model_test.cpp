// The timing tab's model: cold runs apart, warm statistics, speed-ups, stage break-downs and
// the history as an exportable report.
#include <doctest/doctest.h>

#include <cmath>

#include "core/export_json.hpp"
#include "ui/timing_model.hpp"

using namespace convis;
using namespace convis::ui;

namespace {

RunRecord run(const std::string& backend, double ms, std::vector<StageTime> stages,
              std::uint32_t setting, std::uint64_t number) {
    RunRecord r;
    r.backendId = backend;
    r.milliseconds = ms;
    r.stages = std::move(stages);
    r.pixels = 64 * 32;
    r.width = 64;
    r.height = 32;
    r.setting = setting;
    r.run = number;
    return r;
}

std::vector<RunRecord> history() {
    std::vector<RunRecord> h;
    std::uint64_t n = 0;
    // Setting 1: an older image, to be ignored by the statistics of setting 2.
    h.push_back(run("cpu-sequential", 999.0, {{"compute", 998.0}}, 1, ++n));
    // Setting 2: sequential cold 120, warm 100, 102, 98; parallel cold 30, warm 10, 11, 9.
    for (double ms : {120.0, 100.0, 102.0, 98.0}) {
        h.push_back(run("cpu-sequential", ms, {{"compute", ms - 1.0}}, 2, ++n));
    }
    for (double ms : {30.0, 10.0, 11.0, 9.0}) {
        h.push_back(run("cpu-parallel", ms, {{"compute", ms - 0.5}}, 2, ++n));
    }
    // A GPU run: upload, kernel, download and time outside any stage.
    h.push_back(
        run("cuda-tiled", 5.0, {{"upload", 1.0}, {"kernel", 0.5}, {"download", 1.5}}, 2, ++n));
    h.push_back(
        run("cuda-tiled", 4.0, {{"upload", 1.0}, {"kernel", 0.25}, {"download", 1.5}}, 2, ++n));
    return h;
}

}  // namespace

TEST_CASE("the first run of a backend with a setting is cold, the rest make the statistics") {
    const std::vector<BackendTiming> rows = backendTimings(history(), 2, 300);
    REQUIRE(rows.size() == 3);
    const BackendTiming& seq = rows[0];
    CHECK(seq.backendId == "cpu-sequential");
    CHECK(seq.runs == 4);
    CHECK(seq.coldMs == 120.0);
    CHECK(seq.total.count == 3);
    CHECK(seq.total.median == 100.0);
    CHECK(seq.kernelStage == "compute");
    CHECK(seq.kernel.median == 99.0);
    CHECK(seq.speedupTotal == doctest::Approx(1.0));
    const BackendTiming& par = rows[1];
    CHECK(par.coldMs == 30.0);
    CHECK(par.total.median == 10.0);
    CHECK(par.speedupTotal == doctest::Approx(10.0));
    CHECK(par.speedupKernel == doctest::Approx(99.0 / 9.5));
    const BackendTiming& gpu = rows[2];
    CHECK(gpu.kernelStage == "kernel");
    CHECK(gpu.total.count == 1);
    CHECK(gpu.speedupKernel == doctest::Approx(99.0 / 0.25));
    CHECK(gpu.speedupTotal == doctest::Approx(25.0));
    // 0.25 ms is far above 10x a CUDA event's 0.5 us: no warning.
    CHECK_FALSE(gpu.belowResolution);
}

TEST_CASE("the window limits the runs, no sequential run means no speed-up") {
    // The last 2 runs are the GPU's: one cold, one warm.
    const std::vector<BackendTiming> rows = backendTimings(history(), 2, 2);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].backendId == "cuda-tiled");
    CHECK(rows[0].coldMs == 5.0);
    CHECK(std::isnan(rows[0].speedupTotal));
    CHECK(backendTimings(history(), 7, 300).empty());
}

TEST_CASE("a time under ten timer resolutions is flagged") {
    std::vector<RunRecord> h;
    h.push_back(run("cuda-tiled", 1.0, {{"kernel", 0.001}}, 1, 1));
    h.push_back(run("cuda-tiled", 1.0, {{"kernel", 0.001}}, 1, 2));  // 1 us < 10 x 0.5 us
    CHECK(backendTimings(h, 1, 300).at(0).belowResolution);
}

TEST_CASE("stage break-downs put the stages in order and the rest in other") {
    const std::vector<double> v = stageBreakdown(history().back());
    REQUIRE(v.size() == kStageOrder.size());
    CHECK(v[0] == 1.0);                    // upload
    CHECK(std::isnan(v[1]));               // no map
    CHECK(v[2] == 0.25);                   // kernel
    CHECK(v[5] == 1.5);                    // download
    CHECK(v[6] == doctest::Approx(1.25));  // other: 4 - 2.75
    const std::vector<double> cpu = stageBreakdown(history()[1]);
    CHECK(cpu[3] == 119.0);  // compute
    CHECK(cpu[6] == doctest::Approx(1.0));
}

TEST_CASE("interop and copy-path stages land in the map, unmap and upload bars") {
    // The names the CUDA-GL producer gives its stages (src/interop/cuda_gl_producer.cpp).
    const RunRecord interop = run(
        "cuda-fast", 0.7, {{"interop-map", 0.3}, {"kernel", 0.2}, {"interop-unmap", 0.05}}, 1, 1);
    const std::vector<double> v = stageBreakdown(interop);
    CHECK(v[1] == doctest::Approx(0.3));   // map
    CHECK(v[2] == doctest::Approx(0.2));   // kernel
    CHECK(v[4] == doctest::Approx(0.05));  // unmap
    CHECK(v[6] == doctest::Approx(0.15));  // other: what no stage timed
    const RunRecord copy =
        run("cuda-fast", 3.0, {{"kernel", 0.2}, {"download", 0.8}, {"texture-upload", 1.6}}, 1, 1);
    CHECK(stageBreakdown(copy)[0] == doctest::Approx(1.6));  // upload
}

TEST_CASE("the history exports as a live report with cold and warm runs per setting") {
    const TimingReport report = historyReport(history(), {"test cpu", 2, 4}, std::nullopt);
    CHECK(report.kind == "live");
    REQUIRE(report.records.size() == 4);  // sequential x 2 settings, parallel, GPU
    const TimingRecord& seq2 = report.records[1];
    CHECK(seq2.backend == "cpu-sequential");
    CHECK(seq2.kernelName == "setting 2");
    CHECK(seq2.imageWidth == 64);
    CHECK(seq2.imageHeight == 32);
    CHECK(seq2.warmupCount == 1);
    CHECK(seq2.sampleCount == 3);
    bool total = false;
    for (const StageSeries& s : seq2.stages) {
        if (s.name == "total") {
            total = true;
            CHECK(s.cold == std::vector<double>{120.0});
            CHECK(s.warm == std::vector<double>{100.0, 102.0, 98.0});
        }
    }
    CHECK(total);
    CHECK(parseTimingReportJson(timingReportJson(report)) == report);
}

TEST_CASE("a setting changed between runs puts a labelled marker at that run") {
    std::vector<RunRecord> h;
    std::uint64_t n = 0;
    for (int i = 0; i < 3; ++i) {
        h.push_back(run("cpu-parallel", 10.0, {{"compute", 9.0}}, 1, ++n));
    }
    // The kernel changes before run 4, the thread count before run 6.
    for (int i = 0; i < 2; ++i) {
        h.push_back(run("cpu-parallel", 20.0, {{"compute", 19.0}}, 2, ++n));
    }
    h.push_back(run("cpu-parallel", 15.0, {{"compute", 14.0}}, 3, ++n));
    const std::vector<SettingChange> changes{{2, "kernel: box 5x5"}, {3, "threads: 4"}};

    const std::vector<SettingMarker> all = settingMarkers(h, 0, changes);
    REQUIRE(all.size() == 2);
    CHECK(all[0].x == doctest::Approx(3.5));  // between run 3 and run 4
    CHECK(all[0].label == "kernel: box 5x5");
    CHECK(all[1].x == doctest::Approx(5.5));
    CHECK(all[1].label == "threads: 4");

    // A window starting at run 3 renumbers the runs from 1 and keeps both changes.
    const std::vector<SettingMarker> windowed = settingMarkers(h, 2, changes);
    REQUIRE(windowed.size() == 2);
    CHECK(windowed[0].x == doctest::Approx(1.5));
    // A window after the last change shows none; a change no longer recorded has no label.
    CHECK(settingMarkers(h, 3, changes).size() == 1);
    CHECK(settingMarkers(h, 5, changes).empty());
    CHECK(settingMarkers(h, 0, {}).at(0).label.empty());
    CHECK(settingMarkers({}, 0, changes).empty());
}
