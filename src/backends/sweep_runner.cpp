// The sweep loop: cases in order of size, progress weighted by work, cancel between and inside
// cases.
#include "backends/sweep_runner.hpp"

#include <algorithm>
#include <cmath>

#include "backends/bench_cases.hpp"
#include "backends/device_facts.hpp"
#include "core/error.hpp"
#include "core/sweep.hpp"

namespace convis {

SweepPlan quickSweepPlan() {
    SweepPlan plan;
    plan.sides = sweepSides(32, 8192);
    return plan;
}

namespace {

struct SweepCase {
    Backend* backend;
    int side;
    int kernel;
    double work;  // estimated cost, for the progress fraction
};

std::vector<Backend*> sweepBackends(const BackendRegistry& registry, const SweepPlan& plan) {
    std::vector<Backend*> list;
    if (plan.backends.empty()) {
        for (const auto& b : registry.backends()) {
            if (b->info().available) {
                list.push_back(b.get());
            }
        }
        return list;
    }
    for (const std::string& id : plan.backends) {
        Backend* b = registry.find(id);
        if (b == nullptr) {
            throw InputError("unknown backend '" + id + "' (see `convis info`)");
        }
        if (!b->info().available) {
            throw InputError("backend " + id + " is unavailable: " + b->info().reason);
        }
        list.push_back(b);
    }
    return list;
}

std::string sizeText(int side) {
    return std::to_string(side) + "x" + std::to_string(side);
}

}  // namespace

SweepOutcome runSweep(const BackendRegistry& registry, const SweepPlan& plan,
                      const std::atomic<bool>* cancel,
                      const std::function<void(const SweepProgress&)>& progress) {
    if (plan.sides.empty() || plan.kernelSizes.empty()) {
        throw InputError("a sweep needs at least one image size and one kernel size");
    }
    if (plan.warmup < 0 || plan.samples < 1) {
        throw InputError("sweep: --warmup must be >= 0 and --samples >= 1");
    }
    for (int k : plan.kernelSizes) {
        if (k < 1 || k > Kernel::kMaxSide || k % 2 == 0) {
            throw InputError("sweep kernel size " + std::to_string(k) + " must be odd, 1 to 31");
        }
    }
    const std::vector<Backend*> backends = sweepBackends(registry, plan);

    SweepOutcome outcome;
    TimingReport& report = outcome.report;
    report.kind = "sweep";
    report.appVersion = CONVIS_VERSION;
    report.createdUtc = utcTimestamp();
    report.cpu = readCpuSummary();
    report.device = queryDeviceFacts().facts;

    std::vector<SweepCase> cases;
    std::vector<std::string> skipped;
    for (int side : plan.sides) {
        for (int k : plan.kernelSizes) {
            for (Backend* b : backends) {
                const long long pixels = static_cast<long long>(side) * side;
                if (b->info().kind == BackendKind::CpuSequential &&
                    pixels > plan.maxSequentialPixels) {
                    skipped.push_back(sizeText(side));
                    continue;
                }
                const double runs = plan.warmup + plan.samples;
                // Sequential work costs about a core-count more per pixel than parallel work.
                const double perPixel = b->info().kind == BackendKind::CpuSequential ? 8.0 : 1.0;
                cases.push_back(
                    {b, side, k, static_cast<double>(pixels) * k * k * runs * perPixel});
            }
        }
    }
    if (!skipped.empty()) {
        skipped.erase(std::unique(skipped.begin(), skipped.end()), skipped.end());
        std::string list;
        for (const std::string& s : skipped) {
            list += (list.empty() ? "" : ", ") + s;
        }
        const auto capSide = static_cast<long long>(
            std::llround(std::sqrt(static_cast<double>(plan.maxSequentialPixels))));
        const std::string cap = capSide * capSide == plan.maxSequentialPixels
                                    ? sizeText(static_cast<int>(capSide))
                                    : std::to_string(plan.maxSequentialPixels) + " pixels";
        report.notes.push_back("cpu-sequential skipped above " + cap +
                               " to keep the sweep quick: " + list);
    }
    outcome.plannedCases = cases.size();
    double totalWork = 0.0;
    for (const SweepCase& c : cases) {
        totalWork += c.work;
    }

    SweepProgress status;
    status.total = cases.size();
    double doneWork = 0.0;
    int imageSide = -1;
    Image input;
    for (const SweepCase& c : cases) {
        if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) {
            outcome.cancelled = true;
            break;
        }
        const BenchKernel kernel =
            benchKernel("dense" + std::to_string(c.kernel), denseKernel(c.kernel), plan.border);
        status.current = c.backend->info().id + " " + sizeText(c.side) + " " + kernel.name;
        if (progress) {
            progress(status);
        }
        if (c.side != imageSide) {
            input = noiseImage(c.side, c.side, plan.seed);
            imageSide = c.side;
        }
        RunOptions options;
        options.threads = plan.threads;
        options.cancel = cancel;
        try {
            report.records.push_back(
                measureCase(*c.backend, input, kernel, options, plan.warmup, plan.samples));
        } catch (const Cancelled&) {
            outcome.cancelled = true;
            break;
        }
        doneWork += c.work;
        ++status.done;
        status.fraction = totalWork > 0.0 ? doneWork / totalWork : 1.0;
    }
    status.current.clear();
    if (progress) {
        progress(status);
    }
    if (outcome.cancelled) {
        report.notes.push_back("cancelled after " + std::to_string(report.records.size()) + " of " +
                               std::to_string(cases.size()) + " cases");
    }
    return outcome;
}

}  // namespace convis
