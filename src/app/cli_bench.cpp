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
#include "backends/cpu_parallel.hpp"
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

struct BenchKernel {
    std::string name;
    ConvRequest request;
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

// A dense K x K kernel of small positive integers that is not rank 1, divided by its sum:
// it exercises the 2D path of every backend (a box would be taken apart by separable paths).
ConvRequest denseKernel(int k) {
    std::vector<float> weights;
    for (int w : bench::denseWeights(k)) {
        weights.push_back(static_cast<float>(w));
    }
    ConvRequest r;
    r.kernel = Kernel(k, k, weights);
    r.divisor = r.kernel.sum();
    if (k > 1 && r.kernel.separable()) {
        throw InputError("internal: dense " + std::to_string(k) + "x" + std::to_string(k) +
                         " kernel is separable");
    }
    return r;
}

// The dense kernel with non-integer weights (0.1 w + 0.05): the same work for a float-only
// library, but no exact-integer shortcut for convis.
ConvRequest denseFloatKernel(int k) {
    ConvRequest r = denseKernel(k);
    std::vector<float> weights = r.kernel.weights();
    for (float& w : weights) {
        w = 0.1f * w + 0.05f;
    }
    r.kernel = Kernel(k, k, weights);
    r.divisor = r.kernel.sum();
    return r;
}

// A K x K Gaussian as the outer product of OpenCV's default 1D kernel for that size
// (sigma = 0.3 * ((K - 1) / 2 - 1) + 0.8), so the OpenCV peer can use the same weights.
ConvRequest gaussianKernel(int k) {
    const std::vector<float> g = bench::gaussianFactor(k);
    std::vector<float> weights;
    for (int y = 0; y < k; ++y) {
        for (int x = 0; x < k; ++x) {
            weights.push_back(g[static_cast<std::size_t>(y)] * g[static_cast<std::size_t>(x)]);
        }
    }
    ConvRequest r;
    r.kernel = Kernel(k, k, weights);
    return r;
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
            k.request.mode = KernelMode::Correlation;  // as OpenCV's filter2D
            k.request.border = border;
            k.request.channels = {true, true, true, true};  // the same work as a 4-channel peer
            list.push_back(std::move(k));
        }
    }
    return list;
}

Image noiseImage(int w, int h, unsigned seed) {
    std::mt19937 rng(seed);
    Image img(w, h);
    for (std::uint8_t& b : img.bytes()) {
        b = static_cast<std::uint8_t>(rng() & 0xFFu);
    }
    return img;
}

std::string channelLetters(const std::array<bool, 4>& channels) {
    std::string s;
    for (std::size_t c = 0; c < 4; ++c) {
        if (channels[c]) {
            s += "rgba"[c];
        }
    }
    return s;
}

// CPU time of the whole process (all threads), in ms. On a machine shared with other work the
// wall-clock "total" includes time the scheduler gave to others; this does not, so a
// single-thread case's CPU time shows the code's own cost.
double processCpuMilliseconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) * 1e-6;
}

StageSeries& stageNamed(TimingRecord& record, const std::string& name) {
    for (StageSeries& s : record.stages) {
        if (s.name == name) {
            return s;
        }
    }
    record.stages.push_back({name, "ms", {}, {}});
    return record.stages.back();
}

TimingRecord measure(Backend& backend, const Image& input, const BenchKernel& kernel,
                     const RunOptions& options, const BenchOptions& o) {
    const BackendInfo info = backend.info();
    TimingRecord r;
    r.backend = info.id;
    r.imageWidth = input.width();
    r.imageHeight = input.height();
    r.kernelName = kernel.name;
    r.kernelWidth = kernel.request.kernel.width();
    r.kernelHeight = kernel.request.kernel.height();
    r.kernelWeights = kernel.request.kernel.weights();
    r.mode = std::string(kernelModeName(kernel.request.mode));
    r.border = std::string(borderName(kernel.request.border));
    r.divisor = kernel.request.divisor;
    r.offset = kernel.request.offset;
    r.absolute = kernel.request.absolute;
    r.channels = channelLetters(kernel.request.channels);
    if (info.kind == BackendKind::CpuParallel) {
        r.threads = resolveThreadCount(options.threads, hardwareThreadCount());
    } else if (info.kind == BackendKind::CpuSequential) {
        r.threads = 1;
    } else {
        r.blockWidth = options.blockWidth;
        r.blockHeight = options.blockHeight;
    }
    r.warmupCount = o.warmup;
    r.sampleCount = o.samples;
    Image output(input.width(), input.height());
    for (int i = 0; i < o.warmup + o.samples; ++i) {
        const bool cold = i < o.warmup;
        const double cpuStart = processCpuMilliseconds();
        const auto start = std::chrono::steady_clock::now();
        const RunResult result = backend.run(input, kernel.request, output, options);
        const double total =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count();
        StageSeries& cpu = stageNamed(r, "process-cpu");
        (cold ? cpu.cold : cpu.warm).push_back(processCpuMilliseconds() - cpuStart);
        for (const StageTime& stage : result.stages) {
            StageSeries& s = stageNamed(r, stage.name);
            (cold ? s.cold : s.warm).push_back(stage.milliseconds);
        }
        StageSeries& t = stageNamed(r, "total");
        (cold ? t.cold : t.warm).push_back(total);
    }
    const std::vector<double> kernelOnly =
        backend.timeKernelOnly(input, kernel.request, options, o.warmup, o.samples);
    if (!kernelOnly.empty()) {
        stageNamed(r, "kernel-only").warm = kernelOnly;
    }
    if (const auto* parallel = dynamic_cast<const CpuParallelBackend*>(&backend)) {
        const ParallelRunRecord run = parallel->lastRun();
        r.path =
            std::string(run.separable ? "separable " : (run.integerQuads ? "2d-int " : "2d ")) +
            run.isa;
    }
    return r;
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
        report.records.push_back(measure(*c.backend, input, kernels[c.kernel], options, o));
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
