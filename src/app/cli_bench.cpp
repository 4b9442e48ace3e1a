// `convis bench`: times backends on random-noise RGBA images for a grid of sizes and kernels,
// prints a table (progress on stderr) and writes the samples as JSON and CSV.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <random>
#include <sstream>

#include "app/cli_commands.hpp"
#include "backends/bench_cases.hpp"
#include "backends/cpu_parallel.hpp"
#include "backends/device_facts.hpp"
#include "backends/registry.hpp"
#include "core/atomic_file.hpp"
#include "core/bench_kernels.hpp"
#include "core/error.hpp"
#include "core/export_csv.hpp"
#include "core/export_json.hpp"
#include "core/kernel_presets.hpp"
#include "core/row_bands.hpp"
#include "core/timing.hpp"
#include "core/timing_report.hpp"

namespace convis {

namespace {

struct BenchOptions {
    std::vector<std::string> backends;
    std::vector<std::string> sizes{"1920x1080", "3840x2160"};
    std::vector<std::string> kernels{"3", "5", "9", "15", "31"};
    bool onlySeparable = false;
    bool onlyDense = false;
    bool floatDense = false;
    std::string border = "clamp";
    std::vector<int> threads{0};
    int warmup = 3;
    int samples = 30;
    std::string jsonPath;
    std::string csvPath;
    unsigned seed = 1;
};

std::pair<int, int> parseSize(const std::string& text) {
    int w = 0;
    int h = 0;
    char x = 0;
    char extra = 0;
    if (std::sscanf(text.c_str(), "%d%c%d%c", &w, &x, &h, &extra) != 3 || x != 'x' || w < 1 ||
        h < 1) {
        throw InputError("size '" + text + "' is not WIDTHxHEIGHT, e.g. 1920x1080");
    }
    return {w, h};
}

std::vector<BenchKernel> benchKernels(const BenchOptions& o, BorderMode border) {
    std::vector<BenchKernel> list;
    for (const std::string& spec : o.kernels) {
        const bool numeric = !spec.empty() && std::all_of(spec.begin(), spec.end(), [](char c) {
            return c >= '0' && c <= '9';
        });
        std::vector<BenchKernel> forSpec;
        if (numeric) {
            const int k = std::stoi(spec);
            if (k < 1 || k > Kernel::kMaxSide || k % 2 == 0) {
                throw InputError("kernel size " + spec + " must be odd, 1 to 31");
            }
            if (!o.onlySeparable) {
                forSpec.push_back({"dense" + spec, denseKernel(k)});
                if (o.floatDense) {
                    forSpec.push_back({"densef" + spec, denseFloatKernel(k)});
                }
            }
            if (!o.onlyDense) {
                forSpec.push_back({"gaussian" + spec, gaussianKernel(k)});
            }
        } else {
            forSpec.push_back({spec, makePreset(spec)});
        }
        for (BenchKernel& k : forSpec) {
            list.push_back(benchKernel(std::move(k.name), std::move(k.request), border));
        }
    }
    return list;
}

std::string fixed(double value, int decimals) {
    if (!std::isfinite(value)) {
        return "-";
    }
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

void printTable(const std::vector<TimingRecord>& records) {
    std::printf("%-16s %-10s %-11s %3s %-17s %9s %9s %9s %9s %9s %9s %11s\n", "backend", "size",
                "kernel", "thr", "path", "cold ms", "median ms", "p10 ms", "p90 ms", "Mpix/s",
                "cpu ms", "kernel ms");
    for (const TimingRecord& r : records) {
        SampleStats total{};
        double cold = NAN;
        double kernelOnly = NAN;
        double cpu = NAN;
        for (const StageSeries& s : r.stages) {
            if (s.name == "total") {
                total = summarize(s.warm);
                cold = s.cold.empty() ? NAN : s.cold.front();
            } else if (s.name == "process-cpu") {
                cpu = summarize(s.warm).median;
            } else if (s.name == "kernel-only") {
                kernelOnly = summarize(s.warm).median;
            }
        }
        const std::string size = std::to_string(r.imageWidth) + "x" + std::to_string(r.imageHeight);
        std::printf("%-16s %-10s %-11s %3s %-17s %9s %9s %9s %9s %9s %9s %11s\n", r.backend.c_str(),
                    size.c_str(), r.kernelName.c_str(),
                    r.threads ? std::to_string(*r.threads).c_str() : "-", r.path.c_str(),
                    fixed(cold, 2).c_str(), fixed(total.median, 2).c_str(),
                    fixed(total.p10, 2).c_str(), fixed(total.p90, 2).c_str(),
                    fixed(r.megapixelsPerSecond(), 1).c_str(), fixed(cpu, 2).c_str(),
                    fixed(kernelOnly, 3).c_str());
    }
    std::fflush(stdout);
}

int runBench(const BenchOptions& o) {
    const std::optional<BorderMode> border = parseBorderMode(o.border);
    if (!border) {
        throw InputError("unknown border mode '" + o.border + "' (zero, clamp, mirror, wrap)");
    }
    if (o.warmup < 0 || o.samples < 1) {
        throw InputError("--warmup must be >= 0 and --samples >= 1");
    }
    if (o.onlySeparable && o.onlyDense) {
        throw InputError("--separable and --no-separable exclude each other");
    }
    BackendRegistry registry;
    std::vector<Backend*> backends;
    if (o.backends.empty()) {
        for (const auto& b : registry.backends()) {
            if (b->info().available) {
                backends.push_back(b.get());
            }
        }
    } else {
        for (const std::string& id : o.backends) {
            Backend* b = registry.find(id);
            if (b == nullptr) {
                throw InputError("unknown backend '" + id + "' (see `convis info`)");
            }
            if (!b->info().available) {
                throw InputError("backend " + id + " is unavailable: " + b->info().reason);
            }
            backends.push_back(b);
        }
    }
    std::vector<std::pair<int, int>> sizes;
    for (const std::string& s : o.sizes) {
        sizes.push_back(parseSize(s));
    }
    const std::vector<BenchKernel> kernels = benchKernels(o, *border);

    TimingReport report;
    report.appVersion = CONVIS_VERSION;
    report.createdUtc = utcTimestamp();
    report.cpu = readCpuSummary();
    report.device = queryDeviceFacts().facts;

    // The cases in order; a CPU-sequential or GPU backend runs once whatever --threads says.
    struct Case {
        Backend* backend;
        int size;
        std::size_t kernel;
        int threads;
    };
    std::vector<Case> cases;
    for (int s = 0; s < static_cast<int>(sizes.size()); ++s) {
        for (std::size_t k = 0; k < kernels.size(); ++k) {
            for (Backend* b : backends) {
                const bool threaded = b->info().kind == BackendKind::CpuParallel;
                // Thread counts as they resolve (0 = all cores, clamped), each measured once.
                std::vector<int> resolved;
                for (std::size_t t = 0; t < (threaded ? o.threads.size() : 1); ++t) {
                    const int count =
                        threaded ? resolveThreadCount(o.threads[t], hardwareThreadCount()) : 0;
                    if (std::find(resolved.begin(), resolved.end(), count) == resolved.end()) {
                        resolved.push_back(count);
                        cases.push_back({b, s, k, count});
                    }
                }
            }
        }
    }
    int lastSize = -1;
    Image input;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const Case& c = cases[i];
        const auto [w, h] = sizes[static_cast<std::size_t>(c.size)];
        if (c.size != lastSize) {
            input = noiseImage(w, h, o.seed);
            lastSize = c.size;
        }
        std::cerr << "[" << (i + 1) << "/" << cases.size() << "] " << c.backend->info().id << " "
                  << w << "x" << h << " " << kernels[c.kernel].name;
        if (c.backend->info().kind == BackendKind::CpuParallel) {
            std::cerr << " threads " << resolveThreadCount(c.threads, hardwareThreadCount());
        }
        std::cerr << std::endl;
        RunOptions options;
        options.threads = c.threads;
        report.records.push_back(
            measureCase(*c.backend, input, kernels[c.kernel], options, o.warmup, o.samples));
    }
    printTable(report.records);
    if (!o.jsonPath.empty()) {
        writeFileAtomically(o.jsonPath, timingReportJson(report));
        std::cerr << "wrote " << o.jsonPath << "\n";
    }
    if (!o.csvPath.empty()) {
        writeFileAtomically(o.csvPath, timingReportCsv(report));
        std::cerr << "wrote " << o.csvPath << "\n";
    }
    return 0;
}

}  // namespace

void addBenchCommand(CLI::App& app, CliContext& context) {
    auto options = std::make_shared<BenchOptions>();
    CLI::App* bench = app.add_subcommand(
        "bench", "Time backends on random-noise RGBA images; print a table, write JSON/CSV");
    bench
        ->add_option("--backend", options->backends,
                     "Backend ids, repeatable or comma-separated (default: all available)")
        ->delimiter(',');
    bench->add_option("--size", options->sizes, "Image sizes WxH (default 1920x1080,3840x2160)")
        ->delimiter(',');
    bench
        ->add_option("--k,--kernel", options->kernels,
                     "Kernel sizes (dense KxK integer weights for 2D, Gaussian KxK for separable) "
                     "or preset ids (default 3,5,9,15,31)")
        ->delimiter(',');
    bench->add_flag("--separable", options->onlySeparable, "Only the separable (Gaussian) kernels");
    bench->add_flag("--no-separable", options->onlyDense, "Only the dense 2D kernels");
    bench->add_flag("--float-dense", options->floatDense,
                    "Also dense kernels with non-integer weights (densefK)");
    bench->add_option("--border", options->border, "zero, clamp, mirror or wrap (default clamp)");
    bench
        ->add_option("--threads", options->threads,
                     "CPU threads for cpu-parallel, comma-separated for several (0 = all cores)")
        ->delimiter(',');
    bench->add_option("--warmup", options->warmup,
                      "Untimed-as-warm runs per case, reported as "
                      "cold (default 3)");
    bench->add_option("--samples", options->samples, "Measured runs per case (default 30)");
    bench->add_option("--seed", options->seed, "Seed of the noise image (default 1)");
    bench->add_option("--json", options->jsonPath, "Write every sample as JSON to this file");
    bench->add_option("--csv", options->csvPath, "Write every sample as CSV to this file");
    // Errors propagate to runCli, which prints them as one line and exits with 2.
    bench->callback([options, &context]() { context.exitCode = runBench(*options); });
}

}  // namespace convis
