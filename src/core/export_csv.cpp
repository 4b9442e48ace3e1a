// CSV writer for timing reports.
#include "core/export_csv.hpp"

#include <charconv>
#include <cmath>
#include <system_error>

namespace convis {

const char* const kTimingCsvHeader =
    "schema_version,app_version,created_utc,cpu_model,cpu_cores,cpu_threads,device_name,"
    "backend,image_width,image_height,kernel_name,kernel_width,kernel_height,kernel_weights,"
    "mode,border,divisor,offset,absolute,channels,threads,block_width,block_height,path,"
    "warmup_count,sample_count,stage,unit,phase,index,value";

namespace {

template <typename T>
std::string numberText(T value) {
    if (!std::isfinite(value)) {
        return "";
    }
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return result.ec == std::errc{} ? std::string(buffer, result.ptr) : std::string();
}

std::string field(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) {
        return text;
    }
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"') {
            quoted += '"';
        }
        quoted += c;
    }
    return quoted + "\"";
}

std::string optionalInt(const std::optional<int>& value) {
    return value ? std::to_string(*value) : std::string();
}

}  // namespace

std::string csvNumber(double value) {
    return numberText(value);
}
std::string csvNumber(float value) {
    return numberText(value);
}

std::string timingReportCsv(const TimingReport& report) {
    std::string out = std::string(kTimingCsvHeader) + "\n";
    const std::string reportPart =
        std::to_string(report.schemaVersion) + "," + field(report.appVersion) + "," +
        field(report.createdUtc) + "," + field(report.cpu.model) + "," +
        std::to_string(report.cpu.cores) + "," + std::to_string(report.cpu.threads) + "," +
        field(report.device ? report.device->name : std::string()) + ",";
    for (const TimingRecord& r : report.records) {
        std::string weights;
        for (float w : r.kernelWeights) {
            if (!weights.empty()) {
                weights += ' ';
            }
            weights += csvNumber(w);
        }
        const std::string casePart =
            field(r.backend) + "," + std::to_string(r.imageWidth) + "," +
            std::to_string(r.imageHeight) + "," + field(r.kernelName) + "," +
            std::to_string(r.kernelWidth) + "," + std::to_string(r.kernelHeight) + "," +
            field(weights) + "," + field(r.mode) + "," + field(r.border) + "," +
            csvNumber(r.divisor) + "," + csvNumber(r.offset) + "," +
            (r.absolute ? "true" : "false") + "," + field(r.channels) + "," +
            optionalInt(r.threads) + "," + optionalInt(r.blockWidth) + "," +
            optionalInt(r.blockHeight) + "," + field(r.path) + "," + std::to_string(r.warmupCount) +
            "," + std::to_string(r.sampleCount) + ",";
        for (const StageSeries& stage : r.stages) {
            for (int phase = 0; phase < 2; ++phase) {
                const std::vector<double>& values = phase == 0 ? stage.cold : stage.warm;
                for (std::size_t i = 0; i < values.size(); ++i) {
                    out += reportPart + casePart + field(stage.name) + "," + field(stage.unit) +
                           "," + (phase == 0 ? "cold" : "warm") + "," + std::to_string(i) + "," +
                           csvNumber(values[i]) + "\n";
                }
            }
        }
    }
    return out;
}

}  // namespace convis
