// The parallel backend's fixed-point separable path against the sequential reference: every
// preset and Gaussian K = 3..31, every border mode, awkward and large sizes, 1-3 threads and
// every instruction-set level of this CPU (AVX-512 with and without VNNI, AVX2, SSE2).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "backends/bench_cases.hpp"
#include "backends/cpu_parallel.hpp"
#include "backends/cpu_sequential.hpp"
#include "backends/fixed_point_plan.hpp"
#include "backends/row_kernels_fixed.hpp"
#include "core/convolve_pixel.hpp"
#include "core/kernel_presets.hpp"

using namespace convis;

namespace {

// Every row-kernel level this CPU runs, plus AVX-512 with the pmaddwd loops where the default
// AVX-512 set uses VNNI.
std::vector<RowKernels> levels() {
    std::vector<RowKernels> list;
    for (const RowKernels* k : supportedRowKernels()) {
        if (k != nullptr) {
            list.push_back(*k);
        }
    }
#if defined(__x86_64__)
    if (std::string_view(list.front().fixedIsa) == "avx512-vnni") {
        RowKernels plain = list.front();
        const fixed::Passes passes = fixed::avx512Passes(false);
        plain.fixedVertical = passes.vertical;
        plain.fixedHorizontal = passes.horizontal;
        plain.fixedIsa = passes.isa;
        list.push_back(plain);
    }
#endif
    return list;
}

struct Case {
    std::string name;
    ConvRequest request;
};

// Every preset (with its own channel mask) and the benchmark's Gaussians K = 3..31 (all four
// channels, float weights).
std::vector<Case> cases() {
    std::vector<Case> list;
    for (const PresetInfo& preset : presetList()) {
        list.push_back({preset.id, makePreset(preset.id)});
    }
    for (int k = 3; k <= 31; k += 2) {
        ConvRequest r = gaussianKernel(k);
        r.channels = {true, true, true, true};
        list.push_back({"gaussian" + std::to_string(k), r});
    }
    return list;
}

// Rank-1 kernels the fixed-point path must take: the Gaussians and the integer rank-1 presets.
bool mustBeFixed(const std::string& name) {
    for (const char* id :
         {"box3", "box5", "box9", "box", "gaussian3", "gaussian5", "gaussian", "sobel-x", "sobel-y",
          "prewitt-x", "prewitt-y", "scharr-x", "scharr-y"}) {
        if (name == id) {
            return true;
        }
    }
    return name.rfind("gaussian", 0) == 0;
}

Image noise(int w, int h, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> byte(0, 255);
    Image img(w, h);
    for (std::uint8_t& b : img.bytes()) {
        b = static_cast<std::uint8_t>(byte(rng));
    }
    return img;
}

struct Diff {
    std::size_t differing = 0;
    int maxDiff = 0;
};

Diff compare(const Image& a, const Image& b) {
    REQUIRE(a.byteCount() == b.byteCount());
    Diff d;
    if (std::memcmp(a.data(), b.data(), a.byteCount()) == 0) {
        return d;
    }
    for (std::size_t i = 0; i < a.byteCount(); ++i) {
        const int delta = std::abs(int{a.data()[i]} - int{b.data()[i]});
        if (delta != 0) {
            ++d.differing;
            d.maxDiff = std::max(d.maxDiff, delta);
        }
    }
    return d;
}

Image run(CpuParallelBackend& backend, const Image& in, const ConvRequest& request, int threads) {
    Image out(in.width(), in.height());
    std::fill(out.bytes().begin(), out.bytes().end(), std::uint8_t{0xA5});  // poison
    RunOptions options;
    options.threads = threads;
    backend.run(in, request, out, options);
    return out;
}

CpuParallelBackend::Config config(const RowKernels* kernels) {
    CpuParallelBackend::Config c;
    c.maxThreads = 8;  // 3 threads on a 2-core machine
    c.kernels = kernels;
    return c;
}

// Runs `request` on every level and thread count and checks it against `expected`: exact for
// integer kernels, at most one step for float ones, and the fixed-point path taken exactly
// where planFixedPoint() accepts the kernel (and always for the Gaussians and rank-1 presets).
void checkAllLevels(std::vector<std::unique_ptr<CpuParallelBackend>>& backends, const Image& in,
                    const Case& c, const Image& expected, const std::string& where) {
    const PreparedRequest prepared(c.request);
    const bool planned =
        planFixedPoint(prepared.taps, prepared.divisor, prepared.offset, prepared.absolute)
            .has_value();
    if (mustBeFixed(c.name)) {
        CHECK_MESSAGE(planned, c.name);
    }
    for (const auto& backend : backends) {
        for (int threads = 1; threads <= 3; ++threads) {
            const Image actual = run(*backend, in, c.request, threads);
            const Diff d = compare(expected, actual);
            const ParallelRunRecord record = backend->lastRun();
            INFO(c.name << " " << where << " " << record.isa << " threads=" << threads
                        << " fixed=" << record.fixedPoint << " differing=" << d.differing
                        << " max=" << d.maxDiff);
            CHECK(record.fixedPoint == planned);
            CHECK(d.maxDiff <= 1);
            if (c.request.kernel.isIntegerValued()) {
                CHECK(d.differing == 0);
            }
        }
    }
}

std::vector<std::unique_ptr<CpuParallelBackend>> backendsPerLevel(
    const std::vector<RowKernels>& kernels) {
    std::vector<std::unique_ptr<CpuParallelBackend>> backends;
    for (const RowKernels& k : kernels) {
        backends.push_back(std::make_unique<CpuParallelBackend>(config(&k)));
    }
    return backends;
}

}  // namespace

TEST_CASE(
    "parallel fixed point: small sizes, every preset, Gaussian, border, thread count, level") {
    const std::vector<RowKernels> kernels = levels();
    auto backends = backendsPerLevel(kernels);
    const std::pair<int, int> sizes[] = {{1, 1}, {7, 3}, {37, 23}};
    unsigned seed = 40;
    for (const auto& [w, h] : sizes) {
        const Image in = noise(w, h, seed++);
        for (const Case& c : cases()) {
            for (BorderMode border : kAllBorderModes) {
                Case bordered = c;
                bordered.request.border = border;
                Image expected;
                CpuSequentialBackend().run(in, bordered.request, expected, {});
                checkAllLevels(backends, in, bordered, expected,
                               std::to_string(w) + "x" + std::to_string(h) + " " +
                                   std::string(borderName(border)));
            }
        }
    }
}

// At 1921x1081 the sequential reference would take minutes for the large kernels, so the
// reference is the parallel 2D path (same taps, same order, no FMA: bit-identical to the
// sequential backend, see cpu_parallel_test.cpp), itself checked here against the sequential
// per-pixel code (convolvePixel) on every edge and on random interior pixels.
TEST_CASE("parallel fixed point: 1921x1081, every preset, Gaussian, border, thread count, level") {
    const std::vector<RowKernels> kernels = levels();
    auto backends = backendsPerLevel(kernels);
    CpuParallelBackend::Config twoDConfig = config(nullptr);
    twoDConfig.allowSeparable = false;
    CpuParallelBackend twoD(twoDConfig);
    const Image in = noise(1921, 1081, 77);
    std::mt19937 rng(5);
    std::uniform_int_distribution<int> px(0, in.width() - 1);
    std::uniform_int_distribution<int> py(0, in.height() - 1);
    for (const Case& c : cases()) {
        for (BorderMode border : kAllBorderModes) {
            Case bordered = c;
            bordered.request.border = border;
            const Image expected = run(twoD, in, bordered.request, 2);
            const PreparedRequest prepared(bordered.request);
            for (int i = 0; i < 64; ++i) {
                const int x = px(rng);
                const int y = py(rng);
                const int edge = i % 4;
                const std::pair<int, int> at[] = {
                    {x, 0}, {x, in.height() - 1}, {0, y}, {in.width() - 1, y}};
                for (const auto& [ex, ey] : {at[edge], std::pair{x, y}}) {
                    std::uint8_t pixel[kChannels];
                    convolvePixel(in, prepared, ex, ey, pixel);
                    INFO(c.name << " reference pixel " << ex << "," << ey);
                    CHECK(std::memcmp(pixel, expected.pixel(ex, ey), kChannels) == 0);
                }
            }
            checkAllLevels(backends, in, bordered, expected,
                           "1921x1081 " + std::string(borderName(border)));
        }
    }
}

TEST_CASE("parallel fixed point: off by configuration, the float separable path runs instead") {
    CpuParallelBackend::Config c = config(nullptr);
    c.allowFixedPoint = false;
    CpuParallelBackend backend(c);
    const Image in = noise(40, 30, 9);
    run(backend, in, gaussianKernel(9), 2);
    CHECK(backend.lastRun().separable);
    CHECK(!backend.lastRun().fixedPoint);
    CpuParallelBackend fixedOn(config(nullptr));
    run(fixedOn, in, gaussianKernel(9), 2);
    CHECK(fixedOn.lastRun().fixedPoint);
}

TEST_CASE("parallel fixed point: refused kernels fall back and stay within the contract") {
    CpuParallelBackend backend(config(nullptr));
    const Image in = noise(45, 21, 13);
    // High gain: the bound refuses (fixed_point_plan_test.cpp), the float separable path runs.
    ConvRequest loud;
    std::vector<float> w;
    for (float c : {1.1f, 2.3f, 1.1f}) {
        for (float r : {40.7f, 85.1f, 40.7f}) {
            w.push_back(c * r);
        }
    }
    loud.kernel = Kernel(3, 3, w);
    loud.divisor = 1.0f;
    loud.offset = -20000.0f;  // keep some outputs off the saturation
    loud.channels = {true, true, true, true};
    Image expected;
    CpuSequentialBackend().run(in, loud, expected, {});
    const Image actual = run(backend, in, loud, 2);
    CHECK(!backend.lastRun().fixedPoint);
    CHECK(compare(expected, actual).maxDiff <= 1);
    // An integer factor beyond int16: exact through the float separable path.
    ConvRequest wide;
    wide.kernel = Kernel(3, 1, {1.0f, 40000.0f, 1.0f});
    wide.divisor = 65536.0f;
    CpuSequentialBackend().run(in, wide, expected, {});
    const Image wideOut = run(backend, in, wide, 3);
    CHECK(!backend.lastRun().fixedPoint);
    CHECK(compare(expected, wideOut).differing == 0);
}
