// Timing reports as CSV: one row per sample (long format, ready for a pivot table).
#pragma once

#include <string>

#include "core/timing_report.hpp"

namespace convis {

// Columns, in order (kTimingCsvHeader): report facts, case facts, then stage, unit, phase
// ("cold" or "warm"), index (0-based within the phase) and value. Numbers are written with
// std::to_chars (shortest round-trip form, '.' as decimal point in every locale); a NaN or an
// absent value is an empty field. Fields with a comma, quote or newline are quoted (RFC 4180).
// Kernel weights are one field, space-separated, row-major.
extern const char* const kTimingCsvHeader;

std::string timingReportCsv(const TimingReport& report);

// Locale-independent shortest text of a number; "" for NaN or infinity.
std::string csvNumber(double value);
std::string csvNumber(float value);

}  // namespace convis
