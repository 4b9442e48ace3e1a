// Benchmark cases and the measurement loop shared by bench, sweep and the sweep panel.
#include "backends/bench_cases.hpp"

#include <chrono>
#include <cmath>
#include <ctime>
#include <random>

#include "backends/cpu_parallel.hpp"
#include "core/bench_kernels.hpp"
#include "core/error.hpp"
#include "core/row_bands.hpp"

namespace convis {

// A dense K x K kernel of small positive integers that is not rank 1, divided by its sum:
// it exercises the 2D path of every backend (a box would be taken apart by separable paths).
ConvRequest denseKernel(int k) {
    std::vector<float> weights;
    for (int w : bench::denseWeights(k)) {  // the weights the CUDA driver and peers use too
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

BenchKernel benchKernel(std::string name, ConvRequest request, BorderMode border) {
    request.mode = KernelMode::Correlation;  // as OpenCV's filter2D
    request.border = border;
    request.channels = {true, true, true, true};  // the same work as a 4-channel peer
    return {std::move(name), std::move(request)};
}

Image noiseImage(int w, int h, unsigned seed) {
    std::mt19937 rng(seed);
    Image img(w, h);
    for (std::uint8_t& b : img.bytes()) {
        b = static_cast<std::uint8_t>(rng() & 0xFFu);
    }
    return img;
}

namespace {

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

}  // namespace

TimingRecord measureCase(Backend& backend, const Image& input, const BenchKernel& kernel,
                         const RunOptions& options, int warmup, int samples) {
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
    r.warmupCount = warmup;
    r.sampleCount = samples;
    Image output(input.width(), input.height());
    for (int i = 0; i < warmup + samples; ++i) {
        if (options.cancel != nullptr && options.cancel->load(std::memory_order_relaxed)) {
            throw Cancelled();
        }
        const bool cold = i < warmup;
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
        backend.timeKernelOnly(input, kernel.request, options, warmup, samples);
    if (!kernelOnly.empty()) {
        stageNamed(r, "kernel-only").warm = kernelOnly;
    }
    if (const auto* parallel = dynamic_cast<const CpuParallelBackend*>(&backend)) {
        const ParallelRunRecord run = parallel->lastRun();
        r.path =
            std::string(run.fixedPoint ? "separable-fixed "
                                       : (run.separable ? "separable "
                                                        : (run.integerQuads ? "2d-int " : "2d "))) +
            run.isa;
    }
    return r;
}

}  // namespace convis
