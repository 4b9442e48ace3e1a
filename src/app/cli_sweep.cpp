// `convis sweep`: times every available backend over image sizes (32x32 .. 8192x8192 by
// default) and kernel sizes, prints the medians and the GPU/CPU crossovers, writes JSON/CSV,
// and renders the chart as PNG through the desktop app where a display exists.
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>

#include "app/cli_commands.hpp"
#include "backends/sweep_runner.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/export_csv.hpp"
#include "core/export_json.hpp"
#include "core/sweep.hpp"

extern char** environ;

namespace convis {

namespace {

struct SweepCliOptions {
    int from = 32;
    int to = 8192;
    int step = 0;
    std::vector<int> kernels{9};
    std::vector<std::string> backends;
    int warmup = 1;
    int samples = 3;
    int maxSequential = 512;
    int threads = 0;
    std::string border = "clamp";
    std::string jsonPath;
    std::string csvPath;
    std::string pngPath;
};

std::string fixed(double value) {
    if (!std::isfinite(value)) {
        return "-";
    }
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", value);
    return text;
}

void printTable(const TimingReport& report) {
    std::printf("%-16s %-11s %-9s %12s %12s %12s\n", "backend", "size", "kernel", "total ms",
                "p90 ms", "kernel ms");
    for (const TimingRecord& r : report.records) {
        double total = NAN;
        double p90 = NAN;
        double kernel = NAN;
        for (const SeriesPoint& p : sweepSeries(report, r.backend, r.kernelName, "total")) {
            if (p.width == r.imageWidth && p.height == r.imageHeight) {
                total = p.median;
                p90 = p.p90;
            }
        }
        for (const SeriesPoint& p : sweepSeries(report, r.backend, r.kernelName, "kernel-only")) {
            if (p.width == r.imageWidth && p.height == r.imageHeight) {
                kernel = p.median;
            }
        }
        const std::string size = std::to_string(r.imageWidth) + "x" + std::to_string(r.imageHeight);
        std::printf("%-16s %-11s %-9s %12s %12s %12s\n", r.backend.c_str(), size.c_str(),
                    r.kernelName.c_str(), fixed(total).c_str(), fixed(p90).c_str(),
                    fixed(kernel).c_str());
    }
    for (const Crossover& x : findCrossovers(report)) {
        std::printf("crossover: %s\n", x.text.c_str());
    }
    for (const std::string& note : report.notes) {
        std::printf("note: %s\n", note.c_str());
    }
    std::fflush(stdout);
}

// The chart is drawn by the desktop app (GL), so the command line runs it on the JSON it just
// wrote, offscreen on the current display. Returns why not, or "" when the PNG was written.
std::string renderChart(const std::string& jsonPath, const std::string& pngPath) {
#if CONVIS_CLI_HAS_GUI
    const char* display = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    if ((display == nullptr || *display == '\0') && (wayland == nullptr || *wayland == '\0')) {
        return "no display (DISPLAY is not set)";
    }
    std::string self(4096, '\0');
    const ssize_t length = readlink("/proc/self/exe", self.data(), self.size() - 1);
    if (length <= 0) {
        return "cannot find the convis executable";
    }
    self.resize(static_cast<std::size_t>(length));
    std::vector<std::string> args{self,     "--tab",        "sweep",     "--sweep-file",
                                  jsonPath, "--size",       "1600x1000", "--frames",
                                  "8",      "--screenshot", pngPath};
    std::vector<char*> argv;
    for (std::string& a : args) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawn(&pid, self.c_str(), nullptr, nullptr, argv.data(), environ) != 0) {
        return "cannot start the desktop app to render the chart";
    }
    int status = 0;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        return "the desktop app could not render the chart (see its message above)";
    }
    return "";
#else
    (void)jsonPath;
    (void)pngPath;
    return "this convis was built without the desktop app";
#endif
}

int runSweepCommand(const SweepCliOptions& o) {
    const std::optional<BorderMode> border = parseBorderMode(o.border);
    if (!border) {
        throw InputError("unknown border mode '" + o.border + "' (zero, clamp, mirror, wrap)");
    }
    if (!o.pngPath.empty() && o.jsonPath.empty()) {
        throw InputError("--png needs --json (the chart is drawn from the JSON file)");
    }
    SweepPlan plan;
    plan.sides = sweepSides(o.from, o.to, o.step);
    plan.kernelSizes = o.kernels;
    plan.backends = o.backends;
    plan.warmup = o.warmup;
    plan.samples = o.samples;
    plan.maxSequentialPixels = static_cast<long long>(o.maxSequential) * o.maxSequential;
    plan.threads = o.threads;
    plan.border = *border;
    const SweepOutcome outcome =
        runSweep(BackendRegistry{}, plan, nullptr, [](const SweepProgress& p) {
            if (!p.current.empty()) {
                std::cerr << "[" << (p.done + 1) << "/" << p.total << "] " << p.current
                          << std::endl;
            }
        });
    printTable(outcome.report);
    if (!o.jsonPath.empty()) {
        writeFileAtomically(o.jsonPath, timingReportJson(outcome.report));
        std::cerr << "wrote " << o.jsonPath << "\n";
    }
    if (!o.csvPath.empty()) {
        writeFileAtomically(o.csvPath, timingReportCsv(outcome.report));
        std::cerr << "wrote " << o.csvPath << "\n";
    }
    if (!o.pngPath.empty()) {
        const std::string why = renderChart(o.jsonPath, o.pngPath);
        if (why.empty()) {
            std::cerr << "wrote " << o.pngPath << "\n";
        } else {
            std::cerr << "chart not rendered: " << why
                      << "; only the data was written (open it with convis --sweep-file "
                      << o.jsonPath << " --tab sweep)\n";
        }
    }
    return 0;
}

}  // namespace

void addSweepCommand(CLI::App& app, CliContext& context) {
    auto o = std::make_shared<SweepCliOptions>();
    CLI::App* sweep = app.add_subcommand(
        "sweep",
        "Time every backend over image sizes (default 32x32..8192x8192, doubling) and kernel "
        "sizes; print medians and where the GPU overtakes each CPU path; write JSON/CSV/PNG");
    sweep->add_option("--from", o->from, "Smallest image side (default 32)");
    sweep->add_option("--to", o->to, "Largest image side (default 8192)");
    sweep->add_option("--step", o->step, "Side increment; 0 = doubling (default 0)");
    sweep->add_option("--k,--kernel", o->kernels, "Dense kernel sizes, odd 1..31 (default 9)")
        ->delimiter(',');
    sweep
        ->add_option("--backend", o->backends,
                     "Backend ids, comma-separated (default: every available one)")
        ->delimiter(',');
    sweep->add_option("--warmup", o->warmup, "Cold runs per case, reported apart (default 1)");
    sweep->add_option("--samples", o->samples, "Measured runs per case (default 3)");
    sweep->add_option("--max-sequential", o->maxSequential,
                      "cpu-sequential only up to this side, to keep the sweep quick (default "
                      "512; 16384 = no cap)");
    sweep->add_option("--threads", o->threads, "cpu-parallel threads (0 = all, default)");
    sweep->add_option("--border", o->border, "zero, clamp, mirror or wrap (default clamp)");
    sweep->add_option("--json", o->jsonPath, "Write every sample and the crossovers as JSON");
    sweep->add_option("--csv", o->csvPath, "Write every sample as CSV");
    sweep->add_option("--png", o->pngPath,
                      "Also render the sweep chart to this PNG (needs --json and a display)");
    sweep->callback([o, &context]() { context.exitCode = runSweepCommand(*o); });
}

}  // namespace convis
