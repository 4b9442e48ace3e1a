// The parallel CPU backend against the sequential reference: every preset, border mode, awkward
// size, thread count and instruction set; bands, cancel, progress and the separable path.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <random>
#include <string>

#include "backends/cpu_parallel.hpp"
#include "backends/cpu_sequential.hpp"
#include "core/error.hpp"
#include "core/kernel_presets.hpp"

using namespace convis;

namespace {

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
    std::size_t differing = 0;  // bytes that differ
    int maxDiff = 0;
};

Diff compare(const Image& a, const Image& b) {
    REQUIRE(a.width() == b.width());
    REQUIRE(a.height() == b.height());
    Diff d;
    for (std::size_t i = 0; i < a.byteCount(); ++i) {
        const int delta = std::abs(int{a.data()[i]} - int{b.data()[i]});
        if (delta != 0) {
            ++d.differing;
            d.maxDiff = std::max(d.maxDiff, delta);
        }
    }
    return d;
}

Image reference(const Image& in, const ConvRequest& request) {
    Image out;
    CpuSequentialBackend().run(in, request, out, {});
    return out;
}

// Runs the parallel backend on a poisoned output of the right size, so every byte it leaves
// unwritten shows up as a difference.
Image parallel(CpuParallelBackend& backend, const Image& in, const ConvRequest& request,
               int threads) {
    Image out(in.width(), in.height());
    std::fill(out.bytes().begin(), out.bytes().end(), std::uint8_t{0xA5});
    RunOptions options;
    options.threads = threads;
    backend.run(in, request, out, options);
    return out;
}

// Integer kernels must match bit for bit; the 2D path always does (same tap order, no FMA);
// only the float separable path may differ, by at most one step.
void checkAgainstReference(CpuParallelBackend& backend, const Image& in, const ConvRequest& request,
                           int threads, const std::string& what) {
    const Image expected = reference(in, request);
    const Image actual = parallel(backend, in, request, threads);
    const Diff d = compare(expected, actual);
    const ParallelRunRecord record = backend.lastRun();
    INFO(what << " threads=" << threads << " separable=" << record.separable
              << " differing=" << d.differing << " max=" << d.maxDiff);
    CHECK(d.maxDiff <= 1);
    if (request.kernel.isIntegerValued() || !record.separable) {
        CHECK(d.differing == 0);
    }
}

CpuParallelBackend::Config manyThreads(const RowKernels* kernels = nullptr) {
    CpuParallelBackend::Config config;
    config.maxThreads = 8;  // allow 3 threads on a 2-core machine
    config.kernels = kernels;
    return config;
}

}  // namespace

TEST_CASE("parallel: every preset and border mode on awkward sizes, 1-3 threads") {
    CpuParallelBackend backend(manyThreads());
    const std::pair<int, int> sizes[] = {{1, 1}, {7, 3}, {37, 23}};
    unsigned seed = 1;
    for (const auto& [w, h] : sizes) {
        const Image in = noise(w, h, seed++);
        for (const PresetInfo& preset : presetList()) {
            for (BorderMode border : kAllBorderModes) {
                ConvRequest request = makePreset(preset.id);
                request.border = border;
                request.channels = {true, true, true, true};
                const Image expected = reference(in, request);
                for (int threads = 1; threads <= 3; ++threads) {
                    const Image actual = parallel(backend, in, request, threads);
                    const Diff d = compare(expected, actual);
                    const bool separable = backend.lastRun().separable;
                    INFO(preset.id << " " << borderName(border) << " " << w << "x" << h
                                   << " threads=" << threads << " separable=" << separable
                                   << " differing=" << d.differing);
                    CHECK(d.maxDiff <= 1);
                    if (request.kernel.isIntegerValued() || !separable) {
                        CHECK(d.differing == 0);
                    }
                }
            }
        }
    }
}

TEST_CASE("parallel: large image, a few presets") {
    CpuParallelBackend backend(manyThreads());
    const Image in = noise(1921, 1081, 7);
    for (const char* id : {"gaussian5", "sobel-x", "gaussian"}) {
        ConvRequest request = makePreset(id);
        request.border = BorderMode::Mirror;
        checkAgainstReference(backend, in, request, 3, id);
    }
}

TEST_CASE("parallel: every instruction set this CPU has gives the reference result") {
    for (const RowKernels* kernels : supportedRowKernels()) {
        if (kernels == nullptr) {
            continue;
        }
        CAPTURE(kernels->isa);
        CpuParallelBackend backend(manyThreads(kernels));
        CHECK(backend.info().description.find(kernels->isa) != std::string::npos);
        const Image in = noise(67, 19, 11);  // 268 floats a row: strips, single vectors and tail
        for (const PresetInfo& preset : presetList()) {
            ConvRequest request = makePreset(preset.id);
            request.border = BorderMode::Wrap;
            checkAgainstReference(backend, in, request, 2, preset.id);
        }
    }
}

TEST_CASE("parallel: post-op, channel mask, mode and odd kernel shapes") {
    CpuParallelBackend backend(manyThreads());
    std::mt19937 rng(5);
    std::uniform_real_distribution<float> weight(-2.0f, 2.0f);
    std::uniform_int_distribution<int> integer(-4, 9);
    const Image in = noise(29, 17, 3);
    const std::pair<int, int> shapes[] = {{1, 1}, {3, 1}, {1, 7}, {7, 3}, {31, 31}, {5, 31}};
    for (const auto& [kw, kh] : shapes) {
        for (int integral = 0; integral < 2; ++integral) {
            std::vector<float> weights(static_cast<std::size_t>(kw * kh));
            for (float& v : weights) {
                v = integral != 0 ? static_cast<float>(integer(rng)) : weight(rng);
            }
            ConvRequest request;
            request.kernel = Kernel(kw, kh, weights);
            request.mode = integral != 0 ? KernelMode::Correlation : KernelMode::Convolution;
            request.divisor = integral != 0 ? 7.0f : 3.5f;
            request.offset = 127.5f;
            request.absolute = integral == 0;
            request.channels = {true, false, true, false};
            for (BorderMode border : kAllBorderModes) {
                request.border = border;
                checkAgainstReference(backend, in, request, 3,
                                      std::to_string(kw) + "x" + std::to_string(kh) + " " +
                                          std::string(borderName(border)));
            }
        }
    }
}

TEST_CASE("parallel: rounding halfway cases and saturation match finishValue") {
    // A 1x1 kernel over every byte value: weights of +-0.5 land exactly on halves.
    Image in(256, 1);
    for (int x = 0; x < 256; ++x) {
        std::fill_n(in.pixel(x, 0), kChannels, static_cast<std::uint8_t>(x));
    }
    CpuParallelBackend backend(manyThreads());
    // Divisors: none, exact reciprocals (multiplied) and a true division.
    for (float w : {0.5f, -0.5f, 1.5f, -3.25f}) {
        for (float offset : {0.0f, 0.5f, -0.5f, 127.5f, 300.0f}) {
            for (bool absolute : {false, true}) {
                for (float divisor : {1.0f, 2.0f, -0.25f, 3.0f}) {
                    ConvRequest request;
                    request.kernel = Kernel(1, 1, {w});
                    request.divisor = divisor;
                    request.offset = offset;
                    request.absolute = absolute;
                    request.channels = {true, true, true, true};
                    checkAgainstReference(backend, in, request, 2,
                                          "w=" + std::to_string(w) +
                                              " offset=" + std::to_string(offset) +
                                              " divisor=" + std::to_string(divisor));
                }
            }
        }
    }
}

TEST_CASE("parallel: kernels larger than the image and empty images") {
    CpuParallelBackend backend(manyThreads());
    ConvRequest request;
    request.kernel = Kernel(31, 31, std::vector<float>(961, 1.0f));
    request.divisor = 961.0f;
    for (BorderMode border : kAllBorderModes) {
        request.border = border;
        checkAgainstReference(backend, noise(1, 1, 1), request, 3, "31x31 on 1x1");
        checkAgainstReference(backend, noise(2, 5, 2), request, 3, "31x31 on 2x5");
    }
    Image empty;
    Image out;
    backend.run(empty, request, out, {});
    CHECK(out.empty());
}

TEST_CASE("parallel: bands used are rowBands() for the resolved thread count") {
    CpuParallelBackend backend(manyThreads());
    const Image in = noise(9, 10, 4);
    for (int threads = 1; threads <= 3; ++threads) {
        parallel(backend, in, makePreset("box3"), threads);
        const ParallelRunRecord record = backend.lastRun();
        CHECK(record.threads == threads);
        CHECK(record.bands == rowBands(10, threads));
        REQUIRE(record.timings.size() == record.bands.size());
        for (const BandTiming& timing : record.timings) {
            CHECK(timing.startMs >= 0.0);
            CHECK(timing.busyMs > 0.0);
        }
    }
    CpuParallelBackend clamped;  // the hardware limit
    RunOptions options;
    options.threads = 1000;
    CHECK(clamped.threadsFor(options) == hardwareThreadCount());
    options.threads = 0;
    CHECK(clamped.threadsFor(options) == hardwareThreadCount());
}

TEST_CASE("parallel: separable path is taken for rank-1 kernels and only there") {
    CpuParallelBackend backend(manyThreads());
    const Image in = noise(40, 30, 9);
    for (const char* id : {"box5", "gaussian5", "gaussian", "sobel-x", "prewitt-y"}) {
        checkAgainstReference(backend, in, makePreset(id), 2, id);
        CHECK_MESSAGE(backend.lastRun().separable, id);
    }
    for (const char* id : {"sharpen", "laplacian8", "emboss", "log", "motion-blur"}) {
        checkAgainstReference(backend, in, makePreset(id), 2, id);
        CHECK_MESSAGE(!backend.lastRun().separable, id);
    }
    CpuParallelBackend::Config config = manyThreads();
    config.allowSeparable = false;
    CpuParallelBackend twoD(config);
    checkAgainstReference(twoD, in, makePreset("gaussian5"), 2, "gaussian5 as 2D");
    CHECK(!twoD.lastRun().separable);
}

TEST_CASE("parallel: the integer 2D path is exact and taken only where it may be") {
    CpuParallelBackend backend(manyThreads());
    if (selectRowKernels().convolveQuads == nullptr) {
        MESSAGE("this CPU has no AVX-512 VNNI: the integer path is not built in");
        return;
    }
    std::mt19937 rng(21);
    std::uniform_int_distribution<int> weight(-128, 127);
    const Image in = noise(45, 21, 13);  // 180 lanes a row: strips, single vectors and a tail
    for (const auto& [kw, kh] : {std::pair{5, 5}, std::pair{9, 3}, std::pair{31, 31},
                                 std::pair{11, 5}, std::pair{13, 7}}) {
        std::vector<float> weights(static_cast<std::size_t>(kw * kh));
        for (float& w : weights) {
            // Small weights keep big kernels in the exact range; extremes on the small ones.
            w = static_cast<float>(kw * kh > 100 ? weight(rng) % 8 : weight(rng));
        }
        ConvRequest request;
        request.kernel = Kernel(kw, kh, weights);
        request.divisor = 9.0f;
        request.offset = 128.0f;
        request.channels = {true, true, false, true};
        for (BorderMode border : kAllBorderModes) {
            request.border = border;
            checkAgainstReference(backend, in, request, 3,
                                  std::to_string(kw) + "x" + std::to_string(kh));
            CHECK(backend.lastRun().integerQuads);
        }
    }
    // Not taken: 3 wide, a weight beyond a signed byte, a float kernel, sums out of exact range.
    ConvRequest narrow = makePreset("sharpen");
    ConvRequest big;
    big.kernel = Kernel(5, 5, std::vector<float>{200, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                                                 1,   1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2});
    ConvRequest fractional = big;
    fractional.kernel = Kernel(5, 5, std::vector<float>(25, 0.5f));
    fractional.kernel = Kernel(5, 5, std::vector<float>{0.5f, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                                                        1,    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2});
    ConvRequest huge;
    huge.kernel = Kernel(31, 31, std::vector<float>(961, 127.0f));
    huge.kernel = Kernel(31, 31, [] {
        std::vector<float> w(961, 127.0f);
        w[0] = 1.0f;  // not rank 1, so the 2D path
        return w;
    }());
    for (const ConvRequest* r : {&narrow, &big, &fractional, &huge}) {
        checkAgainstReference(backend, in, *r, 2, "not integer quads");
        CHECK(!backend.lastRun().integerQuads);
    }
    CpuParallelBackend::Config config = manyThreads();
    config.allowIntegerQuads = false;
    CpuParallelBackend floatOnly(config);
    checkAgainstReference(floatOnly, in, makePreset("motion-blur"), 2, "motion blur as float");
    CHECK(!floatOnly.lastRun().integerQuads);
}

TEST_CASE("parallel: cancel before and during a run throws Cancelled") {
    CpuParallelBackend backend(manyThreads());
    const Image in = noise(64, 512, 8);
    Image out;
    std::atomic<bool> cancel{true};
    RunOptions options;
    options.threads = 2;
    options.cancel = &cancel;
    CHECK_THROWS_AS(backend.run(in, makePreset("box3"), out, options), Cancelled);

    cancel = false;
    options.progress = [&cancel](double) { cancel = true; };
    CHECK_THROWS_AS(backend.run(in, makePreset("box3"), out, options), Cancelled);

    // The backend stays usable after a cancelled run.
    options.cancel = nullptr;
    options.progress = nullptr;
    checkAgainstReference(backend, in, makePreset("box3"), 2, "after cancel");
}

TEST_CASE("parallel: progress rises to exactly 1") {
    CpuParallelBackend backend(manyThreads());
    const Image in = noise(16, 300, 8);
    Image out;
    std::vector<double> seen;
    RunOptions options;
    options.threads = 3;
    options.progress = [&seen](double f) { seen.push_back(f); };  // serialised by the backend
    backend.run(in, makePreset("box3"), out, options);
    REQUIRE(!seen.empty());
    CHECK(std::is_sorted(seen.begin(), seen.end()));
    CHECK(seen.back() == 1.0);
}

TEST_CASE("parallel: filtering an image into itself reads the original") {
    CpuParallelBackend backend(manyThreads());
    Image image = noise(33, 40, 17);
    const Image expected = reference(image, makePreset("box5"));
    RunOptions options;
    options.threads = 3;
    backend.run(image, makePreset("box5"), image, options);
    CHECK(compare(expected, image).differing == 0);
}

TEST_CASE("parallel: bad request is rejected before any work") {
    CpuParallelBackend backend;
    ConvRequest request;
    request.divisor = 0.0f;
    Image out;
    CHECK_THROWS_AS(backend.run(noise(4, 4, 1), request, out, {}), InputError);
}
