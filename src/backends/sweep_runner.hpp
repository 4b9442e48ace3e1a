// Runs a size sweep: every image size x kernel size x backend, each case timed by the shared
// measurement loop, with progress and cancel; a cancelled sweep keeps the cases it finished.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "backends/registry.hpp"
#include "core/border.hpp"
#include "core/timing_report.hpp"

namespace convis {

struct SweepPlan {
    std::vector<int> sides;                       // square images, e.g. sweepSides(32, 8192)
    std::vector<int> kernelSizes{9};              // dense K x K kernels, odd 1..31
    std::vector<std::string> backends;            // ids; empty = every available backend
    int warmup = 1;                               // cold runs per case
    int samples = 3;                              // warm runs per case
    long long maxSequentialPixels = 512LL * 512;  // the sequential path skips larger images
    BorderMode border = BorderMode::Clamp;
    int threads = 0;  // cpu-parallel: 0 = every hardware thread
    unsigned seed = 1;
};

// Defaults that finish in seconds on a laptop CPU: 32 .. 8192 doubling, 9x9, 1 + 3 runs.
SweepPlan quickSweepPlan();

struct SweepProgress {
    std::size_t done = 0;   // cases finished (or skipped)
    std::size_t total = 0;  // cases planned
    double fraction = 0.0;  // by estimated work, 0..1
    std::string current;    // "cpu-parallel 4096x4096 dense9"
};

struct SweepOutcome {
    TimingReport report;  // kind "sweep"; only whole cases, in the order run
    bool cancelled = false;
    std::size_t plannedCases = 0;
};

// Throws InputError for a bad plan or an unknown/unavailable backend id. When cancel is set,
// the case in progress is dropped and the report ends with the cases already finished, with a
// note saying how many of how many ran.
SweepOutcome runSweep(const BackendRegistry& registry, const SweepPlan& plan,
                      const std::atomic<bool>* cancel,
                      const std::function<void(const SweepProgress&)>& progress);

}  // namespace convis
