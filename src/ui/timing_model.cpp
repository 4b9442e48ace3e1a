// Run history -> per-backend statistics, stage break-downs and a report for the exports.
#include "ui/timing_model.hpp"

#include <algorithm>
#include <map>

namespace convis::ui {

namespace {

bool isStage(const RunRecord& run, const std::string& name) {
    return std::any_of(run.stages.begin(), run.stages.end(),
                       [&](const StageTime& s) { return s.name == name; });
}

double stageOf(const RunRecord& run, const std::string& name) {
    for (const StageTime& s : run.stages) {
        if (s.name == name) {
            return s.milliseconds;
        }
    }
    return NAN;
}

// GPU stages are timed with CUDA events, CPU work with steady_clock.
double resolutionFor(const std::string& stage) {
    return stage == "kernel" || stage == "upload" || stage == "download"
               ? kCudaEventResolutionMs
               : steadyClockResolutionMs();
}

}  // namespace

std::vector<BackendTiming> backendTimings(const std::vector<RunRecord>& history,
                                          std::uint32_t epoch, std::size_t window) {
    const std::size_t first = history.size() > window ? history.size() - window : 0;
    std::vector<BackendTiming> list;
    std::map<std::string, std::pair<std::vector<double>, std::vector<double>>> warm;
    for (std::size_t i = first; i < history.size(); ++i) {
        const RunRecord& run = history[i];
        if (run.setting != epoch) {
            continue;
        }
        auto it = std::find_if(list.begin(), list.end(), [&](const BackendTiming& b) {
            return b.backendId == run.backendId;
        });
        if (it == list.end()) {
            // The first run of a backend with this setting is cold (caches, allocations, JIT).
            BackendTiming b;
            b.backendId = run.backendId;
            b.runs = 1;
            b.coldMs = run.milliseconds;
            b.kernelStage = isStage(run, "kernel") ? "kernel" : "compute";
            list.push_back(b);
            continue;
        }
        ++it->runs;
        warm[run.backendId].first.push_back(run.milliseconds);
        const double k = stageOf(run, it->kernelStage);
        if (std::isfinite(k)) {
            warm[run.backendId].second.push_back(k);
        }
    }
    for (BackendTiming& b : list) {
        b.total = summarize(warm[b.backendId].first);
        b.kernel = summarize(warm[b.backendId].second);
        const bool lowTotal = b.total.median < kResolutionWarningFactor * steadyClockResolutionMs();
        const bool lowKernel =
            b.kernel.median < kResolutionWarningFactor * resolutionFor(b.kernelStage);
        b.belowResolution = lowTotal || lowKernel;
    }
    const auto seq = std::find_if(list.begin(), list.end(), [](const BackendTiming& b) {
        return b.backendId == "cpu-sequential";
    });
    if (seq != list.end()) {
        for (BackendTiming& b : list) {
            b.speedupTotal = seq->total.median / b.total.median;
            b.speedupKernel = seq->kernel.median / b.kernel.median;
        }
    }
    return list;
}

std::vector<SettingMarker> settingMarkers(const std::vector<RunRecord>& history, std::size_t first,
                                          const std::vector<SettingChange>& changes) {
    std::vector<SettingMarker> markers;
    if (first >= history.size()) {
        return markers;
    }
    std::uint32_t lastSetting = history[first].setting;
    for (std::size_t i = first; i < history.size(); ++i) {
        if (history[i].setting == lastSetting) {
            continue;
        }
        SettingMarker marker;
        marker.x = static_cast<double>(i - first + 1) - 0.5;
        for (const SettingChange& c : changes) {
            if (c.epoch == history[i].setting) {
                marker.label = c.what;
            }
        }
        markers.push_back(marker);
        lastSetting = history[i].setting;
    }
    return markers;
}

// The bar a stage's time goes to: the interop path names its stages after what it maps, and
// the copy path's texture upload is an upload like the host-to-device one.
std::string_view barStage(std::string_view name) {
    if (name == "interop-map") {
        return "map";
    }
    if (name == "interop-unmap") {
        return "unmap";
    }
    if (name == "texture-upload") {
        return "upload";
    }
    return name;
}

std::vector<double> stageBreakdown(const RunRecord& run) {
    std::vector<double> values(kStageOrder.size(), NAN);
    double known = 0.0;
    for (const StageTime& s : run.stages) {
        auto it = std::find(kStageOrder.begin(), kStageOrder.end() - 1, barStage(s.name));
        const std::size_t index = static_cast<std::size_t>(it - kStageOrder.begin());
        if (it == kStageOrder.end() - 1) {
            continue;  // unknown stages are part of "other"
        }
        values[index] = (std::isfinite(values[index]) ? values[index] : 0.0) + s.milliseconds;
        known += s.milliseconds;
    }
    const double other = run.milliseconds - known;
    values.back() = other > 0.0 ? other : NAN;
    return values;
}

TimingReport historyReport(const std::vector<RunRecord>& history, const CpuSummary& cpu,
                           const std::optional<DeviceFacts>& device) {
    TimingReport report;
    report.kind = "live";
    report.appVersion = CONVIS_VERSION;
    report.createdUtc = utcTimestamp();
    report.cpu = cpu;
    report.device = device;
    report.notes.push_back(
        "runs of the desktop app; kernel_name \"setting N\" counts changes of image or kernel, "
        "and the first run of each backend with a setting is its cold run");
    std::map<std::pair<std::string, std::uint32_t>, std::size_t> index;
    for (const RunRecord& run : history) {
        const auto key = std::make_pair(run.backendId, run.setting);
        auto it = index.find(key);
        const bool cold = it == index.end();
        if (cold) {
            TimingRecord r;
            r.backend = run.backendId;
            r.imageWidth = run.width;
            r.imageHeight = run.height;
            r.kernelName = "setting " + std::to_string(run.setting);
            report.records.push_back(r);
            it = index.emplace(key, report.records.size() - 1).first;
        }
        TimingRecord& r = report.records[it->second];
        (cold ? r.warmupCount : r.sampleCount) += 1;
        const auto add = [&](const std::string& name, double value) {
            auto s = std::find_if(r.stages.begin(), r.stages.end(),
                                  [&](const StageSeries& x) { return x.name == name; });
            if (s == r.stages.end()) {
                r.stages.push_back({name, "ms", {}, {}});
                s = r.stages.end() - 1;
            }
            (cold ? s->cold : s->warm).push_back(value);
        };
        for (const StageTime& s : run.stages) {
            add(s.name, s.milliseconds);
        }
        add("total", run.milliseconds);
    }
    return report;
}

}  // namespace convis::ui
