// The CUDA launch plan, checked without a GPU: validation, taps, channel mask, the exact
// reciprocal, and the rank-1 factors the fused separable kernel gets.
#include <doctest/doctest.h>

#ifdef CONVIS_HAS_CUDA

#include <cmath>

#include "backends/cuda_plan.hpp"
#include "core/error.hpp"
#include "core/kernel_presets.hpp"

using namespace convis;

namespace {

// Weight (x, y) of the kernel the factors describe, unpadded to width x height.
float factorProduct(const SeparableTaps& t, int width, int height, int x, int y) {
    return t.column[(t.length - height) / 2 + y] * t.row[(t.length - width) / 2 + x];
}

ConvRequest integerRequest(int w, int h, float value) {
    ConvRequest r;
    r.kernel = Kernel(w, h, std::vector<float>(static_cast<std::size_t>(w * h), value));
    return r;
}

}  // namespace

TEST_CASE("cuda plan: block sizes outside 8..32 are input errors") {
    const Image image(10, 10);
    const ConvRequest request = makePreset("box3");
    for (auto [w, h] : {std::pair{7, 16}, std::pair{16, 33}, std::pair{0, 0}, std::pair{64, 8}}) {
        RunOptions options;
        options.blockWidth = w;
        options.blockHeight = h;
        CHECK_THROWS_AS(makeCudaLaunchPlan(CudaVariant::Tiled, image, request, options),
                        InputError);
    }
    RunOptions options;
    options.blockWidth = 8;
    options.blockHeight = 32;
    const CudaLaunchPlan plan = makeCudaLaunchPlan(CudaVariant::Naive, image, request, options);
    CHECK(plan.blockWidth == 8);
    CHECK(plan.blockHeight == 32);
}

TEST_CASE("cuda plan: correlation taps, sizes, post-op and channel mask") {
    ConvRequest request;
    request.kernel = Kernel(3, 1, {1.0f, 2.0f, 4.0f});
    request.mode = KernelMode::Convolution;
    request.border = BorderMode::Wrap;
    request.divisor = 16.0f;
    request.offset = 3.0f;
    request.absolute = true;
    request.channels = {false, true, false, true};
    const CudaLaunchPlan plan = makeCudaLaunchPlan(CudaVariant::Fast, Image(5, 4), request, {});
    CHECK(plan.params.width == 5);
    CHECK(plan.params.height == 4);
    CHECK(plan.params.kernelWidth == 3);
    CHECK(plan.params.kernelHeight == 1);
    CHECK(plan.params.border == BorderMode::Wrap);
    CHECK(plan.params.divisor == 16.0f);
    CHECK(plan.params.reciprocal == 1.0f / 16.0f);
    CHECK(plan.params.offset == 3.0f);
    CHECK(plan.params.absolute);
    CHECK(plan.params.channelMask == 0xAu);
    // Convolution: the kernel reaches the launchers rotated by 180 degrees.
    REQUIRE(plan.taps.size() == 3);
    CHECK(plan.taps[0] == 4.0f);
    CHECK(plan.taps[2] == 1.0f);
    CHECK(plan.table->w[0] == 4.0f);
    CHECK(plan.table->w[3] == 0.0f);
    request.divisor = 0.0f;
    CHECK_THROWS_AS(makeCudaLaunchPlan(CudaVariant::Fast, Image(5, 4), request, {}), InputError);
}

TEST_CASE("cuda plan: the integer post-op only for integer taps, divisor and offset") {
    ConvRequest request = integerRequest(3, 3, 2.0f);
    request.divisor = 9.0f;
    request.offset = 128.0f;
    CudaLaunchPlan plan = makeCudaLaunchPlan(CudaVariant::Fast, Image(5, 4), request, {});
    CHECK(plan.params.integerFinish);
    CHECK(plan.params.finishScale == 1.0f / 9.0f);
    CHECK(plan.params.finishBias == static_cast<float>(128.5 + 0.25 / 9.0));
    CHECK_FALSE(makeCudaLaunchPlan(CudaVariant::Tiled, Image(5, 4), request, {})
                    .params.integerFinish);  // only the fast kernels have it
    request.offset = 0.5f;
    CHECK_FALSE(
        makeCudaLaunchPlan(CudaVariant::Fast, Image(5, 4), request, {}).params.integerFinish);
    request.offset = 0.0f;
    request.divisor = 2.5f;
    CHECK_FALSE(
        makeCudaLaunchPlan(CudaVariant::Fast, Image(5, 4), request, {}).params.integerFinish);
    request = integerRequest(3, 3, 0.5f);
    CHECK_FALSE(
        makeCudaLaunchPlan(CudaVariant::Fast, Image(5, 4), request, {}).params.integerFinish);
    // Sums that could leave the exact float integers: too many large taps.
    request = integerRequest(31, 31, 100.0f);
    CHECK_FALSE(
        makeCudaLaunchPlan(CudaVariant::Fast, Image(5, 4), request, {}).params.integerFinish);
    // The divisor bound: (520 + 2|offset|) * 4 |divisor| <= 2^24.
    request = integerRequest(3, 3, 1.0f);
    request.divisor = 8065.0f;
    CHECK(makeCudaLaunchPlan(CudaVariant::Fast, Image(5, 4), request, {}).params.integerFinish);
    request.divisor = 8066.0f;
    CHECK_FALSE(
        makeCudaLaunchPlan(CudaVariant::Fast, Image(5, 4), request, {}).params.integerFinish);
}

TEST_CASE("cuda plan: the reciprocal is used only where it is exact") {
    CHECK(exactReciprocal(1.0f) == 1.0f);
    CHECK(exactReciprocal(0.5f) == 2.0f);
    CHECK(exactReciprocal(-256.0f) == -1.0f / 256.0f);
    CHECK(exactReciprocal(3.0f) == 0.0f);
    CHECK(exactReciprocal(9.0f) == 0.0f);
    CHECK(exactReciprocal(1e-3f) == 0.0f);
    CHECK(exactReciprocal(std::ldexp(1.0f, 126)) == 0.0f);  // edge of the range: divide
}

TEST_CASE("cuda plan: only the fast variant gets the separable factors") {
    const ConvRequest request = makePreset("gaussian5");
    CHECK(makeCudaLaunchPlan(CudaVariant::Fast, Image(8, 8), request, {}).separable.has_value());
    CHECK_FALSE(makeCudaLaunchPlan(CudaVariant::Tiled, Image(8, 8), request, {}).separable);
    CHECK_FALSE(makeCudaLaunchPlan(CudaVariant::Naive, Image(8, 8), request, {}).separable);
    CHECK_FALSE(
        makeCudaLaunchPlan(CudaVariant::Fast, Image(8, 8), makePreset("laplacian8"), {}).separable);
}

TEST_CASE("cuda plan: integer rank-1 kernels factor exactly, padded and centred") {
    for (const char* id : {"box3", "box9", "gaussian3", "gaussian5", "sobel-x", "prewitt-y"}) {
        const Kernel taps = makePreset(id).correlationTaps();
        const auto factors = separableTapsFor(taps);
        INFO(id);
        REQUIRE(factors.has_value());
        CHECK(factors->length == taps.width());
        for (int y = 0; y < taps.height(); ++y) {
            for (int x = 0; x < taps.width(); ++x) {
                CHECK(factorProduct(*factors, taps.width(), taps.height(), x, y) == taps.at(x, y));
            }
        }
        for (int i = 0; i < factors->length; ++i) {
            CHECK(factors->row[i] == std::round(factors->row[i]));
            CHECK(factors->column[i] == std::round(factors->column[i]));
        }
    }
    // 31 wide, 3 high: the column is padded with 14 zeros either side.
    const auto wide = separableTapsFor(integerRequest(31, 3, 1.0f).kernel);
    REQUIRE(wide.has_value());
    CHECK(wide->length == 31);
    CHECK(wide->column[13] == 0.0f);
    CHECK(wide->column[14] == 1.0f);
    CHECK(wide->column[16] == 1.0f);
    CHECK(wide->column[17] == 0.0f);
    // Integer weights whose sums could leave the exact float range take the 2-D path.
    CHECK_FALSE(separableTapsFor(integerRequest(3, 3, 10000.0f).kernel).has_value());
    CHECK_FALSE(separableTapsFor(Kernel()).has_value());  // 1x1: nothing to separate
}

TEST_CASE("cuda plan: float rank-1 kernels factor within rounding") {
    const Kernel taps = makePreset("gaussian", {2.5f, 0}).correlationTaps();
    const auto factors = separableTapsFor(taps);
    REQUIRE(factors.has_value());
    for (int y = 0; y < taps.height(); ++y) {
        for (int x = 0; x < taps.width(); ++x) {
            CHECK(std::fabs(factorProduct(*factors, taps.width(), taps.height(), x, y) -
                            taps.at(x, y)) <= 1e-5f * taps.at(taps.width() / 2, taps.height() / 2));
        }
    }
}

#endif  // CONVIS_HAS_CUDA
