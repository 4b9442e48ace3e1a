// Benchmark report helpers: throughput, UTC time stamps and CPU facts.
#include "core/timing_report.hpp"

#include <chrono>
#include <ctime>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <thread>
#include <utility>

#include "core/timing.hpp"

namespace convis {

double TimingRecord::megapixelsPerSecond() const {
    for (const StageSeries& stage : stages) {
        if (stage.name == "total") {
            const double ms = summarize(stage.warm).median;
            return static_cast<double>(imageWidth) * imageHeight / (ms * 1000.0);
        }
    }
    return std::numeric_limits<double>::quiet_NaN();
}

std::string utcTimestamp() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

namespace {
std::string trim(const std::string& s) {
    const auto first = s.find_first_not_of(" \t");
    const auto last = s.find_last_not_of(" \t\r");
    return first == std::string::npos ? "" : s.substr(first, last - first + 1);
}
}  // namespace

CpuSummary parseCpuSummary(const std::string& text) {
    CpuSummary facts;
    facts.model = "unknown";
    std::istringstream lines(text);
    std::string line;
    std::set<std::pair<std::string, std::string>> physicalCores;
    std::string physicalId = "0";
    std::string coreId;
    bool anyCoreId = false;
    while (std::getline(lines, line)) {
        const auto colon = line.find(':');
        if (colon == std::string::npos) {
            continue;
        }
        const std::string key = trim(line.substr(0, colon));
        const std::string value = trim(line.substr(colon + 1));
        if (key == "processor") {
            ++facts.threads;
        } else if (key == "model name" && facts.model == "unknown" && !value.empty()) {
            facts.model = value;
        } else if (key == "physical id") {
            physicalId = value;
        } else if (key == "core id") {
            coreId = value;
            anyCoreId = true;
            physicalCores.insert({physicalId, coreId});
        }
    }
    facts.cores = anyCoreId ? static_cast<int>(physicalCores.size()) : facts.threads;
    return facts;
}

CpuSummary readCpuSummary() {
    std::ifstream file("/proc/cpuinfo");
    std::stringstream text;
    text << file.rdbuf();
    CpuSummary facts = parseCpuSummary(text.str());
    if (facts.threads == 0) {
        facts.threads = static_cast<int>(std::thread::hardware_concurrency());
        facts.cores = facts.threads;
    }
    return facts;
}

}  // namespace convis
