// The data a benchmark produces, shared by `convis bench`, the timing dashboard and the
// CSV/JSON exports: machine facts, one record per measured case, raw samples per stage.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace convis {

// Bump when a field changes meaning or disappears; adding a field keeps the version.
inline constexpr int kTimingSchemaVersion = 1;

struct CpuSummary {
    std::string model;  // "model name" from /proc/cpuinfo, or "unknown"
    int cores = 0;      // physical cores
    int threads = 0;    // hardware threads

    bool operator==(const CpuSummary&) const = default;
};

// Filled by GPU backends where a device exists; absent (null in JSON) otherwise.
struct DeviceFacts {
    std::string name;
    std::string computeCapability;  // "9.0"
    int multiprocessors = 0;
    double memoryGiB = 0.0;
    std::string driverVersion;
    std::string runtimeVersion;

    bool operator==(const DeviceFacts&) const = default;
};

// The raw samples of one stage, in milliseconds unless unit says otherwise. Cold samples are
// the warm-up runs (first run first); warm ones are the measured samples.
struct StageSeries {
    std::string name;  // "compute", "upload", "kernel", "download", "total", "kernel-only"
    std::string unit = "ms";
    std::vector<double> cold;
    std::vector<double> warm;

    bool operator==(const StageSeries&) const = default;
};

struct TimingRecord {
    std::string backend;  // BackendInfo::id
    int imageWidth = 0;
    int imageHeight = 0;
    std::string kernelName;  // "dense9", "gaussian15", a preset id
    int kernelWidth = 0;
    int kernelHeight = 0;
    std::vector<float> kernelWeights;  // row-major, as given (before any flip)
    std::string mode;                  // "convolution" or "correlation"
    std::string border;                // "zero", "clamp", "mirror", "wrap"
    float divisor = 1.0f;
    float offset = 0.0f;
    bool absolute = false;
    std::string channels;           // filtered channels, e.g. "rgba" or "rgb"
    std::optional<int> threads;     // CPU threads, where the backend has the notion
    std::optional<int> blockWidth;  // CUDA block shape, where the backend has the notion
    std::optional<int> blockHeight;
    std::string path;  // how the backend ran it, e.g. "separable avx512"; may be empty
    int warmupCount = 0;
    int sampleCount = 0;
    std::vector<StageSeries> stages;

    bool operator==(const TimingRecord&) const = default;
    // Output megapixels per second from the median of the "total" stage; NaN without one.
    double megapixelsPerSecond() const;
};

struct TimingReport {
    int schemaVersion = kTimingSchemaVersion;
    std::string appVersion;
    std::string createdUtc;  // ISO 8601, e.g. "2026-11-25T19:50:00Z"
    CpuSummary cpu;
    std::optional<DeviceFacts> device;
    std::vector<TimingRecord> records;

    bool operator==(const TimingReport&) const = default;
};

// The current time as ISO 8601 UTC with a Z suffix, to the second.
std::string utcTimestamp();

// CPU facts parsed from the text of /proc/cpuinfo (model name, physical cores from the distinct
// physical id / core id pairs, threads from the processor entries). Missing facts stay 0 or
// "unknown"; readCpuSummary() reads the file and falls back to the C++ runtime's thread count.
CpuSummary parseCpuSummary(const std::string& text);
CpuSummary readCpuSummary();

}  // namespace convis
