// `convis sweep` as a user runs it: progress on stderr, a table on stdout, JSON and CSV files
// that read back, a clear note when no chart can be drawn, one-line errors for bad input.
#include <doctest/doctest.h>

#include <cstdlib>

#include "core/export_json.hpp"
#include "core/sweep.hpp"
#include "test_support.hpp"

using namespace convis;

TEST_CASE("cli: sweep writes JSON and CSV, with progress on stderr") {
    const test::TempDir dir;
    // No display: the PNG cannot be drawn, which must be said, and the data still written.
    const char* display = std::getenv("DISPLAY");
    const std::string saved = display != nullptr ? display : "";
    ::unsetenv("DISPLAY");
    ::unsetenv("WAYLAND_DISPLAY");
    const test::CommandResult result = test::runConvis(
        dir,
        "sweep --from 16 --to 64 --k 3 --samples 2 --json s.json --csv s.csv --png s.png "
        "--max-sequential 32");
    if (display != nullptr) {
        ::setenv("DISPLAY", saved.c_str(), 1);
    }
    CAPTURE(result.err);
    REQUIRE(result.exitCode == 0);
    CHECK(result.err.find("[1/") != std::string::npos);
    CHECK(result.err.find("wrote s.json") != std::string::npos);
    CHECK(result.err.find("chart not rendered") != std::string::npos);
    CHECK(result.err.find("only the data was written") != std::string::npos);
    CHECK(result.out.find("cpu-parallel") != std::string::npos);
    CHECK(result.out.find("note: cpu-sequential skipped") != std::string::npos);
    const TimingReport report = parseTimingReportJson(test::readText(dir.file("s.json")));
    CHECK(report.kind == "sweep");
    // 16, 32, 64 for cpu-parallel; 16, 32 for cpu-sequential (capped at 32).
    CHECK(sweepSeries(report, "cpu-parallel", "dense3", "total").size() == 3);
    CHECK(sweepSeries(report, "cpu-sequential", "dense3", "total").size() == 2);
    const std::string csv = test::readText(dir.file("s.csv"));
    CHECK(csv.rfind("schema_version,report_kind,", 0) == 0);
    CHECK(csv.find(",sweep,") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.file("s.png")));
}

TEST_CASE("cli: sweep refuses bad input with one line") {
    const test::TempDir dir;
    for (const char* arguments : {"sweep --from 64 --to 32", "sweep --k 4",
                                  "sweep --backend nope --to 32", "sweep --png x.png --to 32",
                                  "sweep --border sideways --to 32", "sweep --samples 0 --to 32"}) {
        CAPTURE(arguments);
        const test::CommandResult result = test::runConvis(dir, arguments);
        CHECK(result.exitCode == 2);
        CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
        CHECK(result.err.rfind("convis: error: ", 0) == 0);
    }
}
