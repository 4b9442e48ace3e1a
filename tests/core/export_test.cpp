// Timing exports: CSV and JSON round trips, NaN handling, a decimal-comma locale, CPU facts.
#include <doctest/doctest.h>

#include <charconv>
#include <clocale>
#include <cmath>
#include <limits>
#include <locale>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/export_csv.hpp"
#include "core/export_json.hpp"
#include "core/timing_report.hpp"

using namespace convis;

namespace {

TimingReport sampleReport() {
    TimingReport report;
    report.appVersion = "1.2.3";
    report.createdUtc = "2026-11-25T20:00:00Z";
    report.cpu = {"AMD EPYC, \"Genoa\"", 2, 2};  // a comma and quotes to escape in CSV
    TimingRecord a;
    a.backend = "cpu-parallel";
    a.imageWidth = 1920;
    a.imageHeight = 1080;
    a.kernelName = "dense3";
    a.kernelWidth = 3;
    a.kernelHeight = 3;
    a.kernelWeights = {1, 2, 3, 4, 5, 6, 7, 8, 0.1f};
    a.mode = "correlation";
    a.border = "clamp";
    a.divisor = 36.0f;
    a.offset = 0.5f;
    a.absolute = true;
    a.channels = "rgba";
    a.threads = 2;
    a.path = "2d avx512";
    a.warmupCount = 2;
    a.sampleCount = 3;
    a.stages = {{"compute", "ms", {5.25, 4.5}, {4.125, 4.0, 1e-7}},
                {"total", "ms", {5.5, 4.75}, {4.25, 4.0625, 3.0e3}}};
    TimingRecord b = a;
    b.backend = "cuda-tiled";
    b.threads.reset();
    b.blockWidth = 16;
    b.blockHeight = 8;
    b.path = "";
    b.stages = {{"kernel", "ms", {}, {0.015625}}};
    report.records = {a, b};
    report.device = DeviceFacts{"NVIDIA H200", "9.0", 132, 139.8, "580.1", "13.0"};
    return report;
}

// RFC 4180 fields of one CSV line (quotes, doubled quotes, commas inside quotes).
std::vector<std::string> csvFields(const std::string& line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    return fields;
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        out.push_back(line);
    }
    return out;
}

double parseNumber(const std::string& text) {
    double value = 0.0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    REQUIRE(result.ec == std::errc{});
    REQUIRE(result.ptr == text.data() + text.size());
    return value;
}

// Both exports of a report written under the current locale, checked for '.' decimals.
void checkExports(const TimingReport& report) {
    const TimingReport back = parseTimingReportJson(timingReportJson(report));
    CHECK(back == report);

    const std::vector<std::string> rows = lines(timingReportCsv(report));
    const std::vector<std::string> header = csvFields(rows.at(0));
    CHECK(rows.at(0) == kTimingCsvHeader);
    std::size_t expectedRows = 0;
    for (const TimingRecord& r : report.records) {
        for (const StageSeries& s : r.stages) {
            expectedRows += s.cold.size() + s.warm.size();
        }
    }
    REQUIRE(rows.size() == expectedRows + 1);
    // Rebuild every sample from the CSV and compare with the report, value for value.
    std::size_t row = 1;
    for (const TimingRecord& r : report.records) {
        for (const StageSeries& s : r.stages) {
            for (int phase = 0; phase < 2; ++phase) {
                const std::vector<double>& values = phase == 0 ? s.cold : s.warm;
                for (std::size_t i = 0; i < values.size(); ++i) {
                    const std::vector<std::string> f = csvFields(rows.at(row++));
                    REQUIRE(f.size() == header.size());
                    CHECK(f[3] == report.cpu.model);
                    CHECK(f[7] == r.backend);
                    CHECK(f[16] == csvNumber(r.divisor));
                    CHECK(parseNumber(f[17]) == doctest::Approx(r.offset));
                    CHECK(f[20] == (r.threads ? std::to_string(*r.threads) : ""));
                    CHECK(f[26] == s.name);
                    CHECK(f[28] == (phase == 0 ? "cold" : "warm"));
                    CHECK(f[29] == std::to_string(i));
                    CHECK(parseNumber(f[30]) == values[i]);  // shortest form round-trips
                }
            }
        }
    }
}

}  // namespace

TEST_CASE("CSV and JSON round trip the report exactly") {
    checkExports(sampleReport());
    const nlohmann::json j = nlohmann::json::parse(timingReportJson(sampleReport()));
    CHECK(j.at("schema_version") == kTimingSchemaVersion);
    CHECK(j.at("records").at(0).at("stages").at(0).at("stats").at("median") == 4.0);
    CHECK(j.at("records").at(1).at("threads").is_null());
    CHECK(j.at("records").at(1).at("block").at("width") == 16);
    // total warm samples 4.25, 4.0625, 3000: median 4.25 ms over 1920 x 1080 pixels
    CHECK(j.at("records").at(0).at("megapixels_per_second").get<double>() ==
          doctest::Approx(1920.0 * 1080.0 / 4250.0));
}

TEST_CASE("NaN is never written as a number") {
    TimingReport report = sampleReport();
    report.device.reset();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    report.records[0].stages[0].warm = {1.0, nan, 2.0};
    report.records[1].stages = {{"total", "ms", {}, {}}};  // no samples: NaN statistics
    const std::string json = timingReportJson(report);
    CHECK(json.find("NaN") == std::string::npos);
    CHECK(json.find("nan") == std::string::npos);
    const nlohmann::json j = nlohmann::json::parse(json);
    CHECK(j.at("device").is_null());
    CHECK(j.at("records").at(0).at("stages").at(0).at("warm").at(1).is_null());
    CHECK(j.at("records").at(1).at("stages").at(0).at("stats").at("median").is_null());
    CHECK(j.at("records").at(1).at("megapixels_per_second").is_null());
    const TimingReport back = parseTimingReportJson(json);
    CHECK(std::isnan(back.records[0].stages[0].warm[1]));
    CHECK(!back.device.has_value());

    const std::string csv = timingReportCsv(report);
    CHECK(csv.find("nan") == std::string::npos);
    CHECK(csv.find("NaN") == std::string::npos);
    const std::vector<std::string> rows = lines(csv);
    // records[0] compute: 2 cold, then the NaN is the second warm sample (row 1 + 2 + 1).
    const std::vector<std::string> f = csvFields(rows.at(4));
    CHECK(f.at(28) == "warm");
    CHECK(f.at(29) == "1");
    CHECK(f.at(30).empty());
    CHECK(csvNumber(std::numeric_limits<double>::infinity()).empty());
}

TEST_CASE("exports do not depend on a decimal-comma locale") {
    // A C++ locale whose decimal point is a comma, for iostreams...
    struct CommaDecimal : std::numpunct<char> {
        char do_decimal_point() const override { return ','; }
    };
    const std::locale previous = std::locale::global(std::locale(std::locale(), new CommaDecimal));
    // ...and the C library's German locale where it is installed (strtod, printf).
    const std::string previousC = std::setlocale(LC_ALL, nullptr);
    const bool german = std::setlocale(LC_ALL, "de_DE.UTF-8") != nullptr;
    if (!german) {
        MESSAGE("de_DE.UTF-8 is not installed: checking the C++ comma locale only");
    } else {
        char text[16];
        std::snprintf(text, sizeof text, "%.1f", 0.5);
        CHECK(std::string(text) == "0,5");  // the locale really is active
    }
    checkExports(sampleReport());
    const std::vector<std::string> row = csvFields(lines(timingReportCsv(sampleReport())).at(1));
    CHECK(row.at(17) == "0.5");  // the offset, with a point
    CHECK(timingReportJson(sampleReport()).find("\"offset\": 0.5") != std::string::npos);
    std::setlocale(LC_ALL, previousC.c_str());
    std::locale::global(previous);
}

TEST_CASE("a report of an unknown schema or a broken file is a clear error") {
    nlohmann::json j = nlohmann::json::parse(timingReportJson(sampleReport()));
    j["schema_version"] = kTimingSchemaVersion + 1;
    CHECK_THROWS_AS(parseTimingReportJson(j.dump()), InputError);
    CHECK_THROWS_AS(parseTimingReportJson("{\"schema_version\": 1}"), InputError);
    CHECK_THROWS_AS(parseTimingReportJson("not json"), InputError);
}

TEST_CASE("CPU facts from /proc/cpuinfo text") {
    const CpuSummary facts = parseCpuSummary(
        "processor\t: 0\nmodel name\t: AMD EPYC 9654\nphysical id\t: 0\ncore id\t\t: 0\n\n"
        "processor\t: 1\nmodel name\t: AMD EPYC 9654\nphysical id\t: 0\ncore id\t\t: 0\n\n"
        "processor\t: 2\nmodel name\t: AMD EPYC 9654\nphysical id\t: 0\ncore id\t\t: 1\n\n");
    CHECK(facts.model == "AMD EPYC 9654");
    CHECK(facts.threads == 3);
    CHECK(facts.cores == 2);
    const CpuSummary none = parseCpuSummary("");
    CHECK(none.model == "unknown");
    CHECK(none.threads == 0);
    CHECK(readCpuSummary().threads >= 1);
}
