// What the timing panel shows, computed from the run history without ImGui: per-backend
// statistics for one setting (cold first run apart from warm runs), speed-ups over the
// sequential path, stage break-downs, and the history as a report for the exports.
#pragma once

#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/timing.hpp"
#include "core/timing_report.hpp"
#include "ui/app_state.hpp"

namespace convis::ui {

// The stages the stacked bars show, bottom first; anything else is summed into "other".
inline const std::vector<std::string> kStageOrder{"upload", "map",      "kernel", "compute",
                                                  "unmap",  "download", "other"};

struct BackendTiming {
    std::string backendId;
    std::size_t runs = 0;          // in the window, this setting, cold one included
    double coldMs = NAN;           // the first run of this backend with this setting
    SampleStats total;             // warm end-to-end
    SampleStats kernel;            // warm "kernel" stage (GPU) or "compute" (CPU)
    std::string kernelStage;       // which of the two
    double speedupTotal = NAN;     // sequential's median total / this median total
    double speedupKernel = NAN;    // sequential's median compute / this median kernel
    bool belowResolution = false;  // a median under 10x its timer's resolution
};

// Statistics for the runs of `epoch` among the last `window` runs of the history.
std::vector<BackendTiming> backendTimings(const std::vector<RunRecord>& history,
                                          std::uint32_t epoch, std::size_t window);

// The kStageOrder entry a stage name is counted in ("interop-map" -> "map", ...).
std::string_view barStage(std::string_view name);
// The stage times of one run in kStageOrder (missing stages NaN, "other" = total - stages).
std::vector<double> stageBreakdown(const RunRecord& run);

// A vertical marker of the timing chart: where the setting changed, halfway between the last run
// of the old setting and the first of the new one (runs are numbered 1.. from `first`).
struct SettingMarker {
    double x = 0.0;
    std::string label;  // the change's description, empty when it is no longer recorded
};

// One marker per setting change among the runs from `first` on.
std::vector<SettingMarker> settingMarkers(const std::vector<RunRecord>& history, std::size_t first,
                                          const std::vector<SettingChange>& changes);

// The history as a report (kind "live"): one record per backend and setting, the first run of
// each as cold and the rest as warm, every stage plus "total".
TimingReport historyReport(const std::vector<RunRecord>& history, const CpuSummary& cpu,
                           const std::optional<DeviceFacts>& device);

}  // namespace convis::ui
