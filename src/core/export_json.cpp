// JSON writer and reader for timing reports (nlohmann-json).
#include "core/export_json.hpp"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/timing.hpp"

namespace convis {

namespace {

using nlohmann::json;

json number(double value) {
    return std::isfinite(value) ? json(value) : json(nullptr);
}

json numbers(const std::vector<double>& values) {
    json list = json::array();
    for (double v : values) {
        list.push_back(number(v));
    }
    return list;
}

std::vector<double> readNumbers(const json& list) {
    std::vector<double> values;
    for (const json& v : list) {
        values.push_back(v.is_null() ? std::numeric_limits<double>::quiet_NaN() : v.get<double>());
    }
    return values;
}

json optionalInt(const std::optional<int>& value) {
    return value ? json(*value) : json(nullptr);
}

std::optional<int> readOptionalInt(const json& value) {
    return value.is_null() ? std::nullopt : std::optional<int>(value.get<int>());
}

json statsJson(const std::vector<double>& values) {
    const SampleStats s = summarize(values);
    return {{"count", s.count},      {"median", number(s.median)}, {"p10", number(s.p10)},
            {"p90", number(s.p90)},  {"min", number(s.min)},       {"max", number(s.max)},
            {"mean", number(s.mean)}};
}

json recordJson(const TimingRecord& r) {
    json stages = json::array();
    for (const StageSeries& s : r.stages) {
        stages.push_back({{"name", s.name},
                          {"unit", s.unit},
                          {"cold", numbers(s.cold)},
                          {"warm", numbers(s.warm)},
                          {"stats", statsJson(s.warm)}});
    }
    json weights = json::array();
    for (float w : r.kernelWeights) {
        weights.push_back(number(static_cast<double>(w)));
    }
    json block = nullptr;
    if (r.blockWidth || r.blockHeight) {
        block = {{"width", optionalInt(r.blockWidth)}, {"height", optionalInt(r.blockHeight)}};
    }
    return {{"backend", r.backend},
            {"image", {{"width", r.imageWidth}, {"height", r.imageHeight}}},
            {"kernel",
             {{"name", r.kernelName},
              {"width", r.kernelWidth},
              {"height", r.kernelHeight},
              {"weights", weights},
              {"mode", r.mode},
              {"divisor", number(r.divisor)},
              {"offset", number(r.offset)},
              {"absolute", r.absolute}}},
            {"border", r.border},
            {"channels", r.channels},
            {"threads", optionalInt(r.threads)},
            {"block", block},
            {"path", r.path},
            {"warmup_count", r.warmupCount},
            {"sample_count", r.sampleCount},
            {"megapixels_per_second", number(r.megapixelsPerSecond())},
            {"stages", stages}};
}

TimingRecord readRecord(const json& j) {
    TimingRecord r;
    r.backend = j.at("backend").get<std::string>();
    r.imageWidth = j.at("image").at("width").get<int>();
    r.imageHeight = j.at("image").at("height").get<int>();
    const json& k = j.at("kernel");
    r.kernelName = k.at("name").get<std::string>();
    r.kernelWidth = k.at("width").get<int>();
    r.kernelHeight = k.at("height").get<int>();
    for (double w : readNumbers(k.at("weights"))) {
        r.kernelWeights.push_back(static_cast<float>(w));
    }
    r.mode = k.at("mode").get<std::string>();
    r.divisor = k.at("divisor").get<float>();
    r.offset = k.at("offset").get<float>();
    r.absolute = k.at("absolute").get<bool>();
    r.border = j.at("border").get<std::string>();
    r.channels = j.at("channels").get<std::string>();
    r.threads = readOptionalInt(j.at("threads"));
    if (!j.at("block").is_null()) {
        r.blockWidth = readOptionalInt(j.at("block").at("width"));
        r.blockHeight = readOptionalInt(j.at("block").at("height"));
    }
    r.path = j.at("path").get<std::string>();
    r.warmupCount = j.at("warmup_count").get<int>();
    r.sampleCount = j.at("sample_count").get<int>();
    for (const json& s : j.at("stages")) {
        r.stages.push_back({s.at("name").get<std::string>(), s.at("unit").get<std::string>(),
                            readNumbers(s.at("cold")), readNumbers(s.at("warm"))});
    }
    return r;
}

}  // namespace

std::string timingReportJson(const TimingReport& report) {
    json device = nullptr;
    if (report.device) {
        const DeviceFacts& d = *report.device;
        device = {{"name", d.name},
                  {"compute_capability", d.computeCapability},
                  {"multiprocessors", d.multiprocessors},
                  {"memory_gib", number(d.memoryGiB)},
                  {"driver_version", d.driverVersion},
                  {"runtime_version", d.runtimeVersion}};
    }
    json records = json::array();
    for (const TimingRecord& r : report.records) {
        records.push_back(recordJson(r));
    }
    const json j = {{"schema_version", report.schemaVersion},
                    {"app", "convis"},
                    {"app_version", report.appVersion},
                    {"created_utc", report.createdUtc},
                    {"cpu",
                     {{"model", report.cpu.model},
                      {"cores", report.cpu.cores},
                      {"threads", report.cpu.threads}}},
                    {"device", device},
                    {"records", records}};
    return j.dump(2) + "\n";
}

TimingReport parseTimingReportJson(std::string_view text) {
    try {
        const json j = json::parse(text);
        TimingReport report;
        report.schemaVersion = j.at("schema_version").get<int>();
        if (report.schemaVersion < 1 || report.schemaVersion > kTimingSchemaVersion) {
            throw InputError("timing report has schema version " +
                             std::to_string(report.schemaVersion) + ", this build reads 1 to " +
                             std::to_string(kTimingSchemaVersion));
        }
        report.appVersion = j.at("app_version").get<std::string>();
        report.createdUtc = j.at("created_utc").get<std::string>();
        const json& cpu = j.at("cpu");
        report.cpu = {cpu.at("model").get<std::string>(), cpu.at("cores").get<int>(),
                      cpu.at("threads").get<int>()};
        if (!j.at("device").is_null()) {
            const json& d = j.at("device");
            report.device =
                DeviceFacts{d.at("name").get<std::string>(),
                            d.at("compute_capability").get<std::string>(),
                            d.at("multiprocessors").get<int>(),
                            d.at("memory_gib").is_null() ? 0.0 : d.at("memory_gib").get<double>(),
                            d.at("driver_version").get<std::string>(),
                            d.at("runtime_version").get<std::string>()};
        }
        for (const json& r : j.at("records")) {
            report.records.push_back(readRecord(r));
        }
        return report;
    } catch (const json::exception& e) {
        throw InputError(std::string("timing report is not valid: ") + e.what());
    }
}

}  // namespace convis
