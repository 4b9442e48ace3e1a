// Timing reports as JSON, and back: raw samples plus their statistics per stage.
#pragma once

#include <string>
#include <string_view>

#include "core/timing_report.hpp"

namespace convis {

// Layout (schema_version 1):
// { "schema_version", "app": "convis", "app_version", "created_utc",
//   "cpu": {"model", "cores", "threads"}, "device": null | {"name", "compute_capability",
//   "multiprocessors", "memory_gib", "driver_version", "runtime_version"},
//   "records": [ { "backend", "image": {"width", "height"},
//       "kernel": {"name", "width", "height", "weights": [...], "mode", "divisor", "offset",
//                  "absolute"}, "border", "channels", "threads", "block": {"width", "height"}
//       | null, "path", "warmup_count", "sample_count", "megapixels_per_second",
//       "stages": [ {"name", "unit", "cold": [...], "warm": [...],
//                    "stats": {"count", "median", "p10", "p90", "min", "max", "mean"}} ] } ] }
// Numbers are written locale-independently; NaN and absent values are null, never a number.
// "stats" and "megapixels_per_second" are derived and ignored when reading.
std::string timingReportJson(const TimingReport& report);

// Throws InputError when the text is not a report of a schema version this build reads.
TimingReport parseTimingReportJson(std::string_view text);

}  // namespace convis
