// Every CUDA variant against the sequential reference: every preset x border mode x size,
// random images, device output poisoned before each launch, several block sizes; the fused
// separable path; the host path's stages; kernel-only timing.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <sstream>
#include <thread>

#include "backends/bench_cases.hpp"
#include "backends/cpu_sequential.hpp"
#include "backends/cuda_backend.hpp"
#include "core/bench_kernels.hpp"
#include "core/convolve_pixel.hpp"
#include "core/error.hpp"
#include "core/kernel_presets.hpp"

using namespace convis;

namespace {

constexpr std::uint8_t kPoison = 0xA5;

Image randomImage(int width, int height, std::mt19937& rng) {
    Image image(width, height);
    std::uniform_int_distribution<int> byte(0, 255);
    for (std::uint8_t& v : image.bytes()) {
        v = static_cast<std::uint8_t>(byte(rng));
    }
    return image;
}

// The sequential reference's per-pixel code, run on row bands in parallel to keep the large
// cases quick; the maths is convolvePixel, the same function CpuSequentialBackend calls.
Image reference(const Image& input, const ConvRequest& request) {
    const PreparedRequest prepared(request);
    Image output(input.width(), input.height());
    const int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t]() {
            for (int y = t; y < input.height(); y += threads) {
                for (int x = 0; x < input.width(); ++x) {
                    convolvePixel(input, prepared, x, y, output.pixel(x, y));
                }
            }
        });
    }
    for (std::thread& th : pool) {
        th.join();
    }
    return output;
}

struct Difference {
    std::size_t differing = 0;  // channel values that differ at all
    std::size_t overOne = 0;    // channel values that differ by more than 1
    std::size_t poisoned = 0;   // pixels still holding the poison pattern where it is wrong
};

Difference compare(const Image& expected, const Image& actual) {
    Difference d;
    const auto& e = expected.bytes();
    const auto& a = actual.bytes();
    REQUIRE(e.size() == a.size());
    for (std::size_t i = 0; i < e.size(); ++i) {
        const int diff = std::abs(static_cast<int>(e[i]) - static_cast<int>(a[i]));
        d.differing += diff != 0 ? 1 : 0;
        d.overOne += diff > 1 ? 1 : 0;
    }
    for (std::size_t p = 0; p + 3 < a.size(); p += 4) {
        const bool poison =
            a[p] == kPoison && a[p + 1] == kPoison && a[p + 2] == kPoison && a[p + 3] == kPoison;
        const bool expectedPoison =
            e[p] == kPoison && e[p + 1] == kPoison && e[p + 2] == kPoison && e[p + 3] == kPoison;
        d.poisoned += poison && !expectedPoison ? 1 : 0;
    }
    return d;
}

// Integer weights with an integer divisor: every backend must give the identical result.
bool mustBeExact(const ConvRequest& request) {
    return request.kernel.isIntegerValued() && request.divisor == std::round(request.divisor);
}

// Launches a variant's kernel into a device output filled with the poison pattern, so a pixel
// the kernel never writes shows up, and downloads the result.
Image runPoisoned(CudaVariant variant, const Image& input, const ConvRequest& request,
                  int blockWidth, int blockHeight, bool integerLanes = true, bool laneStream = true,
                  int laneStreamRows = 0, bool tensorCores = true) {
    RunOptions options;
    options.tensorCores = tensorCores;
    options.blockWidth = blockWidth;
    options.blockHeight = blockHeight;
    options.integerLanes = integerLanes;
    options.laneStream = laneStream;
    options.laneStreamRows = laneStreamRows;
    const CudaLaunchPlan plan = makeCudaLaunchPlan(variant, input, request, options);
    const int w = input.width();
    const int h = input.height();
    const std::size_t rowBytes = input.rowBytes();
    CudaStream stream;
    const cudaStream_t s = stream.get();
    DeviceImage in(w, h);
    DeviceImage out(w, h);
    DeviceArray<float> taps(static_cast<std::size_t>(kMaxTaps));
    CONVIS_CUDA_CHECK(cudaMemcpyAsync(taps.data(), plan.taps.data(),
                                      plan.taps.size() * sizeof(float), cudaMemcpyHostToDevice, s));
    CONVIS_CUDA_CHECK(cudaMemcpy2DAsync(in.data(), in.pitch(), input.data(), rowBytes, rowBytes,
                                        static_cast<std::size_t>(h), cudaMemcpyHostToDevice, s));
    CONVIS_CUDA_CHECK(cudaMemset2DAsync(out.data(), out.pitch(), kPoison, out.pitch(),
                                        static_cast<std::size_t>(h), s));
    launchCudaPlan(variant, plan, in, out, taps.data(), s);
    Image result(w, h);
    CONVIS_CUDA_CHECK(cudaMemcpy2DAsync(result.data(), rowBytes, out.data(), out.pitch(), rowBytes,
                                        static_cast<std::size_t>(h), cudaMemcpyDeviceToHost, s));
    stream.synchronize();
    return result;
}

struct VariantRun {
    CudaVariant variant;
    const char* name;
    int blockWidth;
    int blockHeight;
};

// Block size matters for naive and tiled (grid shape, tile and halo); fast has its own.
const VariantRun kRuns[] = {
    {CudaVariant::Naive, "cuda-naive", 8, 8},   {CudaVariant::Naive, "cuda-naive", 16, 16},
    {CudaVariant::Naive, "cuda-naive", 32, 32}, {CudaVariant::Tiled, "cuda-tiled", 8, 8},
    {CudaVariant::Tiled, "cuda-tiled", 16, 16}, {CudaVariant::Tiled, "cuda-tiled", 32, 32},
    {CudaVariant::Tiled, "cuda-tiled", 32, 8},  {CudaVariant::Fast, "cuda-fast", 16, 16},
};

// Checks every run of every variant against the reference for one request and image.
void checkAllVariants(const Image& input, const ConvRequest& request, const std::string& what) {
    const Image expected = reference(input, request);
    const bool exact = mustBeExact(request);
    for (const VariantRun& run : kRuns) {
        const Image actual =
            runPoisoned(run.variant, input, request, run.blockWidth, run.blockHeight);
        const Difference d = compare(expected, actual);
        INFO(what << " " << run.name << " block " << run.blockWidth << "x" << run.blockHeight
                  << ": " << d.differing << " values differ, " << d.overOne << " by more than 1, "
                  << d.poisoned << " pixels unwritten");
        CHECK(d.poisoned == 0);
        CHECK(d.overOne == 0);
        if (exact) {
            CHECK(d.differing == 0);
        }
    }
}

std::string describe(const std::string& name, BorderMode border, int w, int h) {
    std::ostringstream s;
    s << name << " border " << borderName(border) << " " << w << "x" << h;
    return s.str();
}

const std::pair<int, int> kSizes[] = {{1, 1}, {7, 3}, {37, 23}, {1921, 1081}};

ConvRequest boxRequest(int width, int height) {
    ConvRequest r;
    r.kernel =
        Kernel(width, height, std::vector<float>(static_cast<std::size_t>(width * height), 1.0f));
    r.divisor = static_cast<float>(width * height);
    return r;
}

}  // namespace

TEST_CASE("cuda: every variant matches the reference for every preset, border and size") {
    std::mt19937 rng(20261125);
    for (const auto& [w, h] : kSizes) {
        for (const PresetInfo& preset : presetList()) {
            for (BorderMode border : kAllBorderModes) {
                ConvRequest request = makePreset(preset.id);
                request.border = border;
                const Image input = randomImage(w, h, rng);  // fresh data for every check
                checkAllVariants(input, request, describe(preset.id, border, w, h));
            }
        }
    }
}

TEST_CASE("cuda-fast: rank-1 kernels take the fused separable path and match") {
    std::vector<std::pair<std::string, ConvRequest>> cases = {
        {"box3", makePreset("box3")},
        {"box9", makePreset("box9")},
        {"gaussian5", makePreset("gaussian5")},
        {"gaussian sigma 0.8", makePreset("gaussian", {0.8f, 0})},
        {"gaussian sigma 2", makePreset("gaussian", {2.0f, 0})},
        {"gaussian sigma 5 (31x31)", makePreset("gaussian", {5.0f, 0})},
        {"box 31x31", boxRequest(31, 31)},
        {"box 31x3", boxRequest(31, 3)},
        {"box 1x9", boxRequest(1, 9)},
    };
    // Channel masks: alpha filtered too (the kernels' four-channel instantiation; the presets
    // leave alpha alone) and one channel copied from the input.
    ConvRequest rgba = makePreset("gaussian", {2.0f, 0});
    rgba.channels = {true, true, true, true};
    cases.emplace_back("gaussian sigma 2, RGBA", rgba);
    ConvRequest greenCopied = makePreset("gaussian", {5.0f, 0});
    greenCopied.channels = {true, false, true, true};
    cases.emplace_back("gaussian sigma 5, green copied", greenCopied);
    // A signed float rank-1 kernel (a smoothed 9-tap derivative) with abs, an offset and a
    // divisor that is not a power of two: the post-op the tensor-core kernel chooses per step.
    {
        const std::vector<float> smooth = bench::gaussianFactor(9);
        std::vector<float> weights;
        for (int y = 0; y < 9; ++y) {
            for (int x = 0; x < 9; ++x) {
                weights.push_back(smooth[static_cast<std::size_t>(y)] * 0.1f *
                                  static_cast<float>(x - 4));
            }
        }
        ConvRequest derivative;
        derivative.kernel = Kernel(9, 9, weights);
        derivative.absolute = true;
        derivative.offset = 3.5f;
        derivative.divisor = 1.7f;
        cases.emplace_back("smoothed derivative 9x9, abs, offset, divisor", derivative);
    }
    // Besides the awkward sizes, sizes one pixel past whole strips of the fused kernel (128 x
    // 128 up to 15 taps, 64 x 512 above) and one pixel short of them.
    const std::pair<int, int> sizes[] = {{1, 1},     {7, 3},     {37, 23},  {1921, 1081},
                                         {129, 129}, {129, 257}, {65, 513}, {255, 1023}};
    // Both kernels: the tensor-core one where the plan takes it (float factors within the
    // error bound, integer ones it computes exactly) and the FP32 one.
    const bool tensorDevice = tensorSeparableResidentBlocks(31) > 0;
    std::mt19937 rng(7);
    for (auto& [name, request] : cases) {
        REQUIRE_MESSAGE(separableTapsFor(request.correlationTaps()).has_value(), name);
        for (bool tensorCores : {true, false}) {
            RunOptions options;
            options.tensorCores = tensorCores;
            const bool onTensorCores =
                makeCudaLaunchPlan(CudaVariant::Fast, Image(8, 8), request, options)
                    .separableOnTensorCores;
            if (tensorCores && tensorDevice) {
                // From 9 taps on, every float kernel here runs on the tensor cores, and the
                // integer ones whose row sums FP16 holds exactly (box 1x9).
                const bool integer = request.kernel.isIntegerValued();
                const SeparableTaps taps = *separableTapsFor(request.correlationTaps());
                const double error = tensorSeparableError(taps, integer);
                CHECK_MESSAGE(
                    onTensorCores == (taps.length >= kMinTensorSeparableLength &&
                                      error / std::fabs(request.divisor) < kTensorErrorLimit),
                    name);
                CHECK_MESSAGE(onTensorCores == (taps.length >= kMinTensorSeparableLength &&
                                                (!integer || name == "box 1x9")),
                              name);
            } else {
                CHECK_FALSE(onTensorCores);
            }
            if (!tensorCores && !tensorDevice) {
                continue;  // the same kernel as the run before
            }
            for (const auto& [w, h] : sizes) {
                for (BorderMode border : kAllBorderModes) {
                    request.border = border;
                    const Image input = randomImage(w, h, rng);
                    const Image expected = reference(input, request);
                    const Image actual = runPoisoned(CudaVariant::Fast, input, request, 16, 16,
                                                     true, true, 0, tensorCores);
                    const Difference d = compare(expected, actual);
                    const std::string kernel = onTensorCores ? " (tensor cores)" : " (FP32)";
                    INFO(describe(name, border, w, h)
                         << kernel << ": " << d.differing << " differ, " << d.overOne
                         << " by more than 1, " << d.poisoned << " unwritten");
                    CHECK(d.poisoned == 0);
                    CHECK(d.overOne == 0);
                    if (mustBeExact(request)) {
                        CHECK(d.differing == 0);
                    }
                }
            }
        }
    }
}

TEST_CASE("cuda: integer rank-1 kernels factor into exact integers") {
    const auto taps = separableTapsFor(makePreset("gaussian5").correlationTaps());
    REQUIRE(taps.has_value());
    CHECK(taps->length == 5);
    for (int i = 0; i < 5; ++i) {
        CHECK(taps->row[i] == std::round(taps->row[i]));
        CHECK(taps->column[i] == std::round(taps->column[i]));
    }
    CHECK_FALSE(separableTapsFor(makePreset("laplacian8").correlationTaps()).has_value());
}

TEST_CASE("cuda: random kernels, odd shapes, correlation, abs, offsets and channel masks") {
    std::mt19937 rng(99);
    std::uniform_real_distribution<float> weight(-2.0f, 2.0f);
    const std::pair<int, int> shapes[] = {{1, 1},   {3, 1}, {1, 5},   {5, 3}, {7, 13},
                                          {31, 31}, {9, 9}, {15, 15}, {29, 3}};
    const std::array<bool, 4> masks[] = {{true, true, true, true},
                                         {true, false, true, false},
                                         {false, false, false, true},
                                         {false, false, false, false}};
    int index = 0;
    for (const auto& [kw, kh] : shapes) {
        std::vector<float> weights(static_cast<std::size_t>(kw * kh));
        for (float& v : weights) {
            v = weight(rng);
        }
        ConvRequest request;
        request.kernel = Kernel(kw, kh, weights);
        request.mode = index % 2 == 0 ? KernelMode::Correlation : KernelMode::Convolution;
        request.border = kAllBorderModes[index % 4];
        request.divisor = 1.5f + static_cast<float>(index);
        request.offset = index % 3 == 0 ? 128.0f : -3.0f;
        request.absolute = index % 2 == 1;
        request.channels = masks[static_cast<std::size_t>(index) % 4];
        for (const auto& [w, h] : {std::pair{37, 23}, std::pair{300, 171}}) {
            const Image input = randomImage(w, h, rng);
            std::ostringstream what;
            what << "random " << kw << "x" << kh << " #" << index;
            checkAllVariants(input, request, describe(what.str(), request.border, w, h));
        }
        ++index;
    }
}

TEST_CASE("cuda: run() fills the output through pinned and pageable staging and times stages") {
    std::mt19937 rng(3);
    const Image input = randomImage(1000, 601, rng);
    ConvRequest request = makePreset("gaussian5");
    request.border = BorderMode::Mirror;
    const Image expected = reference(input, request);
    auto state = std::make_shared<CudaDeviceState>(probeCudaDevice());
    for (CudaVariant variant : {CudaVariant::Naive, CudaVariant::Tiled, CudaVariant::Fast}) {
        CudaBackend backend(variant, state);
        for (bool pinned : {true, false}) {
            RunOptions options;
            options.pinnedStaging = pinned;
            Image output(input.width(), input.height());
            std::fill(output.bytes().begin(), output.bytes().end(), kPoison);
            const RunResult result = backend.run(input, request, output, options);
            INFO(backend.info().id << (pinned ? " pinned" : " pageable"));
            CHECK(output == expected);
            CHECK(result.stage("upload") > 0.0);
            CHECK(result.stage("kernel") > 0.0);
            CHECK(result.stage("download") > 0.0);
            CHECK(result.totalMilliseconds >=
                  result.stage("upload") + result.stage("kernel") + result.stage("download"));
        }
        const std::vector<double> samples = backend.timeKernelOnly(input, request, {}, 3, 5);
        REQUIRE(samples.size() == 5);
        for (double ms : samples) {
            CHECK(ms > 0.0);
        }
        // run() still works after the kernel-only loop freed and reallocated buffers.
        Image again;
        backend.run(input, request, again, {});
        CHECK(again == expected);
    }
}

TEST_CASE("cuda: a block size outside 8..32 is an input error, not a crash") {
    auto state = std::make_shared<CudaDeviceState>(probeCudaDevice());
    CudaBackend backend(CudaVariant::Tiled, state);
    Image input(16, 16);
    Image output;
    RunOptions options;
    options.blockWidth = 64;
    CHECK_THROWS_AS(backend.run(input, makePreset("box3"), output, options), InputError);
    options.blockWidth = 4;
    CHECK_THROWS_AS(backend.run(input, makePreset("box3"), output, options), InputError);
}

namespace {

// Bytes that are 0 or 255 (each channel at random) in the left half, 255 in the top right
// quarter and random below it: the extremes a lane can reach, and ordinary data.
Image extremeImage(int width, int height, std::mt19937& rng) {
    Image image = randomImage(width, height, rng);
    std::bernoulli_distribution bit(0.5);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            for (int c = 0; c < 4; ++c) {
                if (x < width / 2) {
                    image.pixel(x, y)[c] = bit(rng) ? 255 : 0;
                } else if (y < height / 2) {
                    image.pixel(x, y)[c] = 255;
                }
            }
        }
    }
    return image;
}

// cuda-fast with the packed lanes (the plan must choose them): the streaming kernel where it
// fits (strips of 32 and of 64 rows), the lane tile, and the float tile, each bit-identical to
// the reference, every pixel written.
void checkLanes(const Image& input, const ConvRequest& request, const std::string& what) {
    const CudaLaunchPlan plan = makeCudaLaunchPlan(CudaVariant::Fast, input, request, {});
    REQUIRE_MESSAGE(plan.lanes != nullptr, what);
    const bool streams = plan.laneStreamRows > 0;
    const Image expected = reference(input, request);
    struct Way {
        const char* name;
        bool lanes, stream;
        int rows;
    };
    const Way ways[] = {{"lane stream 32", true, true, 32},
                        {"lane stream 64", true, true, 64},
                        {"lane tile", true, false, 0},
                        {"float tile", false, false, 0}};
    for (const Way& way : ways) {
        if (way.stream && !streams) {
            continue;
        }
        const Image actual =
            runPoisoned(CudaVariant::Fast, input, request, 16, 16, way.lanes, way.stream, way.rows);
        const Difference d = compare(expected, actual);
        INFO(what << " " << way.name << ": " << d.differing << " differ, " << d.poisoned
                  << " unwritten");
        CHECK(d.poisoned == 0);
        CHECK(d.differing == 0);
    }
}

// The streaming lane kernel (the plan must choose it) against the reference, strips of 32 and
// 64 rows, every pixel written, bit for bit.
void checkLaneStream(const Image& input, const ConvRequest& request, const std::string& what) {
    REQUIRE_MESSAGE(makeCudaLaunchPlan(CudaVariant::Fast, input, request, {}).laneStreamRows > 0,
                    what);
    const Image expected = reference(input, request);
    for (int rows : kLanesStreamRows) {
        const Image actual =
            runPoisoned(CudaVariant::Fast, input, request, 16, 16, true, true, rows);
        const Difference d = compare(expected, actual);
        INFO(what << " stream " << rows << ": " << d.differing << " differ, " << d.poisoned
                  << " unwritten");
        CHECK(d.poisoned == 0);
        CHECK(d.differing == 0);
    }
}

}  // namespace

TEST_CASE("cuda-fast: the benchmark's dense kernels in packed lanes, every border and size") {
    std::mt19937 rng(11);
    for (int k : {1, 3, 5, 7, 9, 11, 13, 15}) {
        ConvRequest request = denseKernel(k);
        request.channels = {true, true, true, true};
        for (const auto& [w0, h0] : {std::pair{7, 3}, std::pair{37, 23}, std::pair{1921, 1081}}) {
            for (BorderMode border : kAllBorderModes) {
                request.border = border;
                checkLanes(extremeImage(w0, h0, rng), request,
                           describe("dense" + std::to_string(k), border, w0, h0));
            }
        }
    }
}

TEST_CASE("cuda-fast: signed integer kernels in packed lanes, at and past one lane group") {
    std::mt19937 rng(12);
    struct Shape {
        int w, h, magnitude;  // taps uniform in [-magnitude, magnitude]
    };
    // Magnitudes from a single group to a flush after every row (15 x 17 = 255 per row).
    const Shape shapes[] = {{3, 3, 9},    {5, 5, 4},   {7, 7, 2},  {9, 9, 7},
                            {15, 15, 17}, {15, 31, 3}, {3, 7, 30}, {13, 3, 12},
                            {3, 29, 28},  {11, 11, 5}, {5, 31, 1}};
    const std::array<bool, 4> masks[] = {{true, true, true, true},
                                         {true, false, true, false},
                                         {false, true, false, true},
                                         {true, true, true, false}};
    int index = 0;
    for (const Shape& s : shapes) {
        std::uniform_int_distribution<int> tap(-s.magnitude, s.magnitude);
        std::vector<float> weights(static_cast<std::size_t>(s.w * s.h));
        for (float& v : weights) {
            v = static_cast<float>(tap(rng));
        }
        weights[0] = static_cast<float>(s.magnitude);  // never all zero, never rank 1 by chance
        weights[1 % weights.size()] = static_cast<float>(-s.magnitude);
        ConvRequest request;
        request.kernel = Kernel(s.w, s.h, weights);
        request.mode = index % 2 == 0 ? KernelMode::Correlation : KernelMode::Convolution;
        request.border = kAllBorderModes[index % 4];
        const float divisors[] = {1.0f, 9.0f, 2.5f, -7.0f, 64.0f};
        request.divisor = divisors[index % 5];
        request.offset = index % 3 == 0 ? 128.0f : (index % 3 == 1 ? 0.0f : -3.5f);
        request.absolute = index % 4 == 1;
        request.channels = masks[static_cast<std::size_t>(index) % 4];
        for (const auto& [w, h] : {std::pair{37, 23}, std::pair{300, 171}}) {
            std::ostringstream what;
            what << "signed " << s.w << "x" << s.h << " |tap| <= " << s.magnitude << " #" << index;
            checkLanes(extremeImage(w, h, rng), request,
                       describe(what.str(), request.border, w, h));
        }
        ++index;
    }
}

TEST_CASE("cuda-fast: lanes at their limit: 255 x sum of |taps| = 65535 - 15 in one group") {
    // 3x3 taps of magnitude 28 (sum 252, 255 x 252 = 64260), all positive, all negative, mixed;
    // on all-255 and all-0 pixels a lane then starts or ends at its extreme.
    std::mt19937 rng(13);
    for (float sign : {1.0f, -1.0f, 0.0f}) {
        std::vector<float> weights(9);
        for (std::size_t i = 0; i < weights.size(); ++i) {
            weights[i] = sign != 0.0f ? 28.0f * sign : (i % 2 == 0 ? 28.0f : -28.0f);
        }
        weights[4] += sign >= 0.0f ? -1.0f : 1.0f;  // not rank 1 (else the separable path)
        ConvRequest request;
        request.kernel = Kernel(3, 3, weights);
        request.divisor = 251.0f;
        request.offset = sign < 0.0f ? 255.0f : 0.0f;
        request.channels = {true, true, true, true};
        for (BorderMode border : kAllBorderModes) {
            request.border = border;
            std::ostringstream what;
            what << "limit sign " << sign;
            checkLanes(extremeImage(64, 40, rng), request, describe(what.str(), border, 64, 40));
        }
    }
}

TEST_CASE("cuda-fast: float kernels whose sums cannot saturate skip the clamp, within 1 LSB") {
    // Non-negative float taps scaled so the largest sum lands just under the unclamped bound
    // (255.49 with the slack), through the divide, multiply and plain post-ops, direct and
    // rank-1, on images with all-255 regions where the sums reach that bound.
    std::mt19937 rng(14);
    std::uniform_real_distribution<float> weight(0.1f, 1.0f);
    struct Case {
        int w, h;
        float divisor, offset;
        bool rank1;
    };
    const Case cases[] = {{5, 5, 3.0f, 0.0f, false},  {9, 9, 1.0f, 0.0f, true},
                          {7, 3, 4.0f, 0.25f, false}, {15, 15, 1.0f, 0.0f, true},
                          {3, 3, 1.0f, 0.0f, false},  {31, 31, 2.0f, 0.0f, true}};
    for (const Case& c : cases) {
        std::vector<float> row(static_cast<std::size_t>(c.w));
        std::vector<float> column(static_cast<std::size_t>(c.h));
        for (float& v : row) {
            v = weight(rng);
        }
        for (float& v : column) {
            v = weight(rng);
        }
        std::vector<float> taps;
        double sum = 0.0;
        for (int y = 0; y < c.h; ++y) {
            for (int x = 0; x < c.w; ++x) {
                const float v =
                    c.rank1 ? column[static_cast<std::size_t>(y)] * row[static_cast<std::size_t>(x)]
                            : weight(rng);
                taps.push_back(v);
                sum += v;
            }
        }
        // Scale so that 255 x sum / divisor + offset is 255.4: inside the bound, past 255.
        const double scale = (255.4 - c.offset) * c.divisor / (255.0 * sum);
        for (float& v : taps) {
            v = static_cast<float>(v * scale);
        }
        ConvRequest request;
        request.kernel = Kernel(c.w, c.h, taps);
        request.divisor = c.divisor;
        request.offset = c.offset;
        request.channels = {true, true, true, true};
        const Image probe(8, 8);
        // The FP32 kernels, and where the plan takes them the tensor cores, whose larger error
        // bound (added to the sums' range) keeps the clamp for sums this close to the bound.
        for (bool tensorCores : {false, true}) {
            RunOptions options;
            options.tensorCores = tensorCores;
            const CudaLaunchPlan plan =
                makeCudaLaunchPlan(CudaVariant::Fast, probe, request, options);
            if (tensorCores && !plan.separableOnTensorCores) {
                continue;  // the same kernel as the run before
            }
            std::ostringstream what;
            what << "float " << c.w << "x" << c.h << " divisor " << c.divisor << " offset "
                 << c.offset << (c.rank1 ? " rank 1" : "")
                 << (tensorCores ? " (tensor cores)" : "");
            INFO(what.str());
            CHECK(plan.params.finishUnclamped == !tensorCores);
            CHECK(plan.separable.has_value() == c.rank1);
            for (BorderMode border : kAllBorderModes) {
                request.border = border;
                const Image input = extremeImage(300, 171, rng);
                const Image expected = reference(input, request);
                const Image actual = runPoisoned(CudaVariant::Fast, input, request, 16, 16, true,
                                                 true, 0, tensorCores);
                const Difference d = compare(expected, actual);
                INFO(describe(what.str(), border, 300, 171)
                     << ": " << d.differing << " differ, " << d.overOne << " by more than 1, "
                     << d.poisoned << " unwritten");
                CHECK(d.poisoned == 0);
                CHECK(d.overOne == 0);
            }
        }
    }
}

TEST_CASE("cuda-fast: the streaming lane kernel on every preset it takes, border and size") {
    // Strip edges: 1 pixel, a partial strip, 128 + 1 (a second strip of one column), 1921
    // (15 whole strips and one column), heights around 32 and 64 rows.
    std::mt19937 rng(31);
    const std::pair<int, int> sizes[] = {{1, 1},    {3, 1},    {7, 3},    {37, 23},
                                         {129, 65}, {128, 64}, {256, 33}, {1921, 1081}};
    int taken = 0;
    for (const PresetInfo& preset : presetList()) {
        ConvRequest request = makePreset(preset.id);
        if (makeCudaLaunchPlan(CudaVariant::Fast, Image(8, 8), request, {}).laneStreamRows == 0) {
            continue;
        }
        ++taken;
        for (const auto& [w, h] : sizes) {
            for (BorderMode border : kAllBorderModes) {
                request.border = border;
                checkLaneStream(extremeImage(w, h, rng), request,
                                describe(preset.id, border, w, h));
            }
        }
    }
    CHECK(taken >= 3);  // sharpen, Laplacian, emboss at least
}

TEST_CASE("cuda-fast: streaming lanes: sides up to 3, widths 1..9, heights around a strip") {
    std::mt19937 rng(32);
    std::uniform_int_distribution<int> tap(-6, 9);
    const std::array<bool, 4> masks[] = {{true, true, true, true},
                                         {true, true, true, false},
                                         {true, false, true, false},
                                         {false, true, false, true}};
    int index = 0;
    for (int kh : {1, 3}) {
        for (int kw : {1, 3}) {
            if ((kw == 1) != (kh == 1)) {
                continue;  // one row or column is rank 1: the separable path takes it
            }
            std::vector<float> weights(static_cast<std::size_t>(kw * kh));
            for (float& v : weights) {
                v = static_cast<float>(tap(rng));
            }
            weights[0] = 5.0f;  // never all zero; not rank 1 where there are two taps
            weights.back() = weights.size() > 1 ? -3.0f : 5.0f;
            ConvRequest request;
            request.kernel = Kernel(kw, kh, weights);
            request.mode = index % 2 == 0 ? KernelMode::Correlation : KernelMode::Convolution;
            const float divisors[] = {1.0f, 9.0f, -7.0f, 64.0f, 3.0f};
            request.divisor = divisors[index % 5];
            request.offset = index % 3 == 0 ? 128.0f : (index % 3 == 1 ? 0.0f : -3.0f);
            request.absolute = index % 4 == 1;
            request.channels = masks[static_cast<std::size_t>(index) % 4];
            for (BorderMode border : kAllBorderModes) {
                request.border = border;
                for (int w = 1; w <= 9; ++w) {
                    std::ostringstream what;
                    what << "stream " << kw << "x" << kh << " #" << index;
                    checkLaneStream(extremeImage(w, 5, rng), request,
                                    describe(what.str(), border, w, 5));
                }
                for (int h : {31, 32, 33, 63, 64, 65, 97}) {
                    std::ostringstream what;
                    what << "stream " << kw << "x" << kh << " #" << index;
                    checkLaneStream(extremeImage(133, h, rng), request,
                                    describe(what.str(), border, 133, h));
                }
            }
            ++index;
        }
    }
}

TEST_CASE("cuda-fast: streaming lanes: sharpen and Laplacian with abs and offsets, alpha on/off") {
    std::mt19937 rng(33);
    const std::vector<float> sharpen{0, -1, 0, -1, 5, -1, 0, -1, 0};
    const std::vector<float> laplacian{1, 1, 1, 1, -8, 1, 1, 1, 1};
    for (const auto* taps : {&sharpen, &laplacian}) {
        for (bool absolute : {false, true}) {
            for (float offset : {0.0f, 128.0f}) {
                for (bool alpha : {false, true}) {
                    ConvRequest request;
                    request.kernel = Kernel(3, 3, *taps);
                    request.absolute = absolute;
                    request.offset = offset;
                    request.channels = {true, true, true, alpha};
                    for (BorderMode border : kAllBorderModes) {
                        request.border = border;
                        std::ostringstream what;
                        what << (taps == &sharpen ? "sharpen" : "laplacian") << " abs " << absolute
                             << " offset " << offset << " alpha " << alpha;
                        checkLaneStream(extremeImage(1921, 1081, rng), request,
                                        describe(what.str(), border, 1921, 1081));
                    }
                }
            }
        }
    }
}
