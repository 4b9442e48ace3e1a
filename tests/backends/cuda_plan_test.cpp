// The CUDA launch plan, checked without a GPU: validation, taps, channel mask, the exact
// reciprocal, and the rank-1 factors the fused separable kernel gets.
#include <doctest/doctest.h>

#ifdef CONVIS_HAS_CUDA

#include <cmath>

#include "backends/bench_cases.hpp"
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

TEST_CASE("cuda plan: integer kernels get packed lanes, grouped so no lane reaches 2^16") {
    // Dense 3, 5, 7: 255 x (sum of taps) = 10455, 30345, 55335: one group, no bias, no flush.
    for (int k : {3, 5, 7}) {
        const CudaLaunchPlan plan =
            makeCudaLaunchPlan(CudaVariant::Fast, Image(9, 9), denseKernel(k), {});
        INFO("dense" << k);
        REQUIRE(plan.lanes);
        CHECK(plan.lanes->flushRows == 0u);
        CHECK(plan.lanes->groupBias[0] == 0u);
        CHECK(plan.lanes->base == 8388608.0f);
        CHECK(plan.lanes->w[k * k - 1] == static_cast<int>(plan.taps.back()));
        CHECK(plan.params.finishUnclamped);  // positive taps divided by their sum: [0, 255]
    }
    // Dense 9: 255 x 343 >= 2^16: groups whose tap sums stay at most 257, flushed after each.
    {
        const ConvRequest request = denseKernel(9);
        const CudaLaunchPlan plan = makeCudaLaunchPlan(CudaVariant::Fast, Image(9, 9), request, {});
        REQUIRE(plan.lanes);
        CHECK((plan.lanes->flushRows & (1u << 8)) != 0u);   // the last row ends a group
        CHECK((plan.lanes->flushRows & ~(1u << 8)) != 0u);  // and at least one before it
        double group = 0.0;
        for (int y = 0; y < 9; ++y) {
            for (int x = 0; x < 9; ++x) {
                group += plan.taps[static_cast<std::size_t>(y * 9 + x)];
            }
            CHECK(255.0 * group < 65536.0);
            if ((plan.lanes->flushRows >> y & 1u) != 0u) {
                group = 0.0;
            }
        }
    }
    // Negative taps: the group's bias is 255 x their magnitude, in both lanes.
    ConvRequest signedRequest;
    signedRequest.kernel = Kernel(3, 3, {0.0f, -1.0f, 0.0f, -2.0f, 5.0f, -1.0f, 0.0f, -1.0f, 0.0f});
    signedRequest.mode = KernelMode::Correlation;
    CudaLaunchPlan plan = makeCudaLaunchPlan(CudaVariant::Fast, Image(9, 9), signedRequest, {});
    REQUIRE(plan.lanes);
    CHECK(plan.lanes->flushRows == 0u);
    CHECK(plan.lanes->groupBias[0] == 1275u * 0x10001u);
    CHECK(plan.lanes->base == 8388608.0f + 1275.0f);
    CHECK(plan.lanes->w[3] == -2);
    CHECK_FALSE(plan.params.finishUnclamped);  // sums down to -1275: saturates at 0
    // Where the lanes cannot apply the float tile is used.
    ConvRequest heavyRow;  // not rank 1; its first row alone: 255 x 300 >= 2^16
    heavyRow.kernel = Kernel(3, 3, {100.0f, 100.0f, 100.0f, 1.0f, 2.0f, 3.0f, 1.0f, 1.0f, 1.0f});
    CHECK_FALSE(makeCudaLaunchPlan(CudaVariant::Fast, Image(9, 9), heavyRow, {}).lanes);
    heavyRow.kernel =  // 256, then 6 + 3: two groups
        Kernel(3, 3, {80.0f, 100.0f, 76.0f, 1.0f, 2.0f, 3.0f, 1.0f, 1.0f, 1.0f});
    heavyRow.mode = KernelMode::Correlation;
    plan = makeCudaLaunchPlan(CudaVariant::Fast, Image(9, 9), heavyRow, {});
    REQUIRE(plan.lanes);
    CHECK(plan.lanes->flushRows == 5u);  // after rows 0 and 2
    CHECK(plan.lanes->groupBias[1] == 0u);
    CHECK_FALSE(  // wider than kMaxLanesWidth
        makeCudaLaunchPlan(CudaVariant::Fast, Image(9, 9), denseKernel(17), {}).lanes);
    ConvRequest fractionalTaps = denseKernel(3);
    fractionalTaps.kernel = Kernel(3, 3, {1.5f, 2.0f, 1.0f, 2.0f, 4.0f, 2.0f, 1.0f, 2.0f, 3.0f});
    CHECK_FALSE(makeCudaLaunchPlan(CudaVariant::Fast, Image(9, 9), fractionalTaps, {}).lanes);
    CHECK_FALSE(  // rank 1: the separable kernel
        makeCudaLaunchPlan(CudaVariant::Fast, Image(9, 9), makePreset("box3"), {}).lanes);
    CHECK_FALSE(makeCudaLaunchPlan(CudaVariant::Tiled, Image(9, 9), denseKernel(3), {}).lanes);
    RunOptions floatTile;
    floatTile.integerLanes = false;
    CHECK_FALSE(
        makeCudaLaunchPlan(CudaVariant::Fast, Image(9, 9), denseKernel(3), floatTile).lanes);
    // A fractional divisor keeps the lanes (exact integer sums) with the dividing post-op.
    ConvRequest fractional = denseKernel(5);
    fractional.divisor = 2.5f;
    plan = makeCudaLaunchPlan(CudaVariant::Fast, Image(9, 9), fractional, {});
    CHECK(plan.lanes);
    CHECK_FALSE(plan.params.integerFinish);
}

TEST_CASE("cuda plan: the unclamped integer post-op only where no sum can saturate") {
    ConvParams p;
    p.integerFinish = true;
    p.divisor = 9.0f;
    configureUnclampedFinish(p, 9.0, 0.0);  // [0, 255]
    CHECK(p.finishUnclamped);
    p.offset = 1.0f;  // [1, 256]: 256 saturates
    configureUnclampedFinish(p, 9.0, 0.0);
    CHECK_FALSE(p.finishUnclamped);
    p.offset = 0.0f;
    configureUnclampedFinish(p, 9.0, 0.1);  // down to -2.8
    CHECK_FALSE(p.finishUnclamped);
    p.absolute = true;  // |s| / 9 in [0, 255]
    configureUnclampedFinish(p, 9.0, 0.1);
    CHECK(p.finishUnclamped);
    p.absolute = false;
    p.divisor = -9.0f;  // [-255, 0]
    configureUnclampedFinish(p, 9.0, 0.0);
    CHECK_FALSE(p.finishUnclamped);
    p.offset = 255.0f;  // [0, 255]
    configureUnclampedFinish(p, 9.0, 0.0);
    CHECK(p.finishUnclamped);
    // Float sums carry rounding: the range, widened by 1e-4, must stay within (-0.49, 255.49).
    p.integerFinish = false;
    p.offset = 0.0f;
    p.divisor = 1.0f;
    configureUnclampedFinish(p, 1.0, 0.0);  // a normalised Gaussian: [0, 255.03]
    CHECK(p.finishUnclamped);
    p.offset = 0.5f;
    configureUnclampedFinish(p, 1.0, 0.0);
    CHECK_FALSE(p.finishUnclamped);
    p.offset = 0.0f;
    configureUnclampedFinish(p, 1.0019, 0.0);  // 255.51 with the slack: could round to 256
    CHECK_FALSE(p.finishUnclamped);
    configureUnclampedFinish(p, 1.0, 1e-3);  // down to -0.26: still rounds to 0
    CHECK(p.finishUnclamped);
    configureUnclampedFinish(p, 1.0, 2e-3);  // down to -0.51
    CHECK_FALSE(p.finishUnclamped);
    configureUnclampedFinish(p, 1.0, 0.0, 0.3);  // a sum error of 0.3: up to 255.33, fine
    CHECK(p.finishUnclamped);
    configureUnclampedFinish(p, 1.0, 0.0, 0.5);  // up to 255.53: could round to 256
    CHECK_FALSE(p.finishUnclamped);
    // The plan bounds a rank-1 kernel through its factors: a float Gaussian needs no clamp.
    const CudaLaunchPlan gaussian =
        makeCudaLaunchPlan(CudaVariant::Fast, Image(9, 9), makePreset("gaussian", {2.0f, 0}), {});
    REQUIRE(gaussian.separable);
    CHECK_FALSE(gaussian.params.integerFinish);
    CHECK(gaussian.params.finishUnclamped);
    ConvRequest sharpen = makePreset("sharpen");  // negative taps: sums below 0 saturate
    CHECK_FALSE(
        makeCudaLaunchPlan(CudaVariant::Fast, Image(9, 9), sharpen, {}).params.finishUnclamped);
}

TEST_CASE("cuda plan: binary16 rounding as the GPU's cvt.rn.f16") {
    CHECK(roundToHalf(0.0) == 0.0);
    CHECK(roundToHalf(1.0) == 1.0);
    CHECK(roundToHalf(255.0) == 255.0);
    CHECK(roundToHalf(1.0 / 3.0) == 0.333251953125);  // 0x3555
    CHECK(roundToHalf(-1.0 / 3.0) == -0.333251953125);
    CHECK(roundToHalf(1.0 + 1.0 / 2048.0) == 1.0);  // a tie: to the even neighbour
    CHECK(roundToHalf(1.0 + 3.0 / 2048.0) == 1.0 + 2.0 / 1024.0);
    CHECK(roundToHalf(65504.0) == 65504.0);                            // the largest half
    CHECK(std::isinf(roundToHalf(65520.0)));                           // rounds past it
    CHECK(roundToHalf(std::ldexp(1.0, -24)) == std::ldexp(1.0, -24));  // smallest subnormal
    CHECK(roundToHalf(std::ldexp(1.0, -25)) == 0.0);                   // a tie: to zero
    CHECK(roundToHalf(std::ldexp(3.0, -25)) == std::ldexp(1.0, -23));  // a tie: to 2 x 2^-24
    CHECK(roundToHalf(1e-3) == 0.0010004043579101562);                 // 0x1419
}

TEST_CASE("cuda plan: the tensor-core error bound takes Gaussians, keeps integers exact") {
    // The benchmark's Gaussians: FP16 taps and row sums leave every output well within 1.
    for (int k : {3, 9, 15, 31}) {
        const auto taps = separableTapsFor(gaussianKernel(k).correlationTaps());
        REQUIRE(taps);
        const double error = tensorSeparableError(*taps, false);
        CAPTURE(k);
        CHECK(error > 0.0);
        CHECK(error < 0.25);
    }
    // Integer factors run there only where they stay exact: box 3, 5 and 7 (row sums up to
    // 255 x 7 = 1785, every integer a half), not box 9 (2295) or the binomial 5x5 (255 x 16).
    for (int k : {3, 5, 7}) {
        const auto taps = separableTapsFor(integerRequest(k, k, 1.0f).correlationTaps());
        REQUIRE(taps);
        CHECK(tensorSeparableError(*taps, true) == 0.0);
    }
    const auto box9 = separableTapsFor(integerRequest(9, 9, 1.0f).correlationTaps());
    REQUIRE(box9);
    CHECK(std::isinf(tensorSeparableError(*box9, true)));
    const auto binomial = separableTapsFor(makePreset("gaussian5").correlationTaps());
    REQUIRE(binomial);
    CHECK(std::isinf(tensorSeparableError(*binomial, true)));
    // Row sums that could overflow FP16: never.
    SeparableTaps huge;
    huge.length = 3;
    for (int i = 0; i < 3; ++i) {
        huge.row[i] = 100.5f;
        huge.column[i] = 0.25f;
    }
    CHECK(std::isinf(tensorSeparableError(huge, false)));
    // Coarse float taps: the bound grows with the sums (255 x 3 x 10.1 is about 7700 per row
    // sum, rounded to FP16 steps of 4): far beyond the limit for a divisor of 1, within it
    // once the divisor scales the sums back into bytes.
    for (int i = 0; i < 3; ++i) {
        huge.row[i] = 10.1f;
        huge.column[i] = 1.0f;
    }
    const double coarse = tensorSeparableError(huge, false);
    CHECK(coarse > 2.0);
    CHECK(coarse / 90.9 < kTensorErrorLimit);
}

TEST_CASE("cuda plan: without a device, rank-1 kernels stay on the FP32 separable kernel") {
    // Here (no GPU) the plan cannot take the tensor cores; on a GPU that has them the CUDA
    // suite checks the other side. Switched off, never.
    const Image image(64, 64);
    RunOptions off;
    off.tensorCores = false;
    const CudaLaunchPlan plan =
        makeCudaLaunchPlan(CudaVariant::Fast, image, gaussianKernel(31), off);
    REQUIRE(plan.separable);
    CHECK_FALSE(plan.separableOnTensorCores);
    CHECK(plan.separableSumError == 0.0);
    if (tensorSeparableResidentBlocks(31) == 0) {
        CHECK_FALSE(makeCudaLaunchPlan(CudaVariant::Fast, image, gaussianKernel(31), {})
                        .separableOnTensorCores);
    }
}

TEST_CASE("cuda plan: small one-group integer kernels take the streaming lane kernel") {
    // The benchmark's dense 3x3: one lane group, integer post-op, sides up to 3; 32-row strips.
    for (int k : {3}) {
        INFO("dense" << k);
        const CudaLaunchPlan plan =
            makeCudaLaunchPlan(CudaVariant::Fast, Image(9, 9), denseKernel(k), {});
        REQUIRE(plan.lanes);
        CHECK(plan.laneStreamRows == kDefaultLanesStreamRows);
        CHECK(fastBlockShape(plan).threadsX == 128);
        CHECK(fastBlockShape(plan).outputsY == plan.laneStreamRows);
        RunOptions tall;
        tall.laneStreamRows = 64;
        CHECK(makeCudaLaunchPlan(CudaVariant::Fast, Image(9, 9), denseKernel(k), tall)
                  .laneStreamRows == 64);
        RunOptions off;
        off.laneStream = false;
        const CudaLaunchPlan tile =
            makeCudaLaunchPlan(CudaVariant::Fast, Image(9, 9), denseKernel(k), off);
        REQUIRE(tile.lanes);
        CHECK(tile.laneStreamRows == 0);
        CHECK(fastBlockShape(tile).threadsX == lanesShape(k).threadsX);
    }
    // Dense 5 and 7 (one group, but the tile is as fast or faster there), dense 9 (too wide,
    // and two lane groups) and a 3x9 kernel (too tall) keep the lane tile.
    for (const ConvRequest& request : {denseKernel(5), denseKernel(7), denseKernel(9), [] {
                                           ConvRequest r;
                                           std::vector<float> w(27, 1.0f);
                                           w[4] = 2.0f;  // not rank 1
                                           r.kernel = Kernel(3, 9, w);
                                           return r;
                                       }()}) {
        const CudaLaunchPlan plan = makeCudaLaunchPlan(CudaVariant::Fast, Image(9, 9), request, {});
        REQUIRE(plan.lanes);
        CHECK(plan.laneStreamRows == 0);
    }
    // One lane group but a divisor that is not an integer: no integer post-op, so the tile.
    ConvRequest fraction = denseKernel(3);
    fraction.divisor = 2.5f;
    const CudaLaunchPlan noInteger =
        makeCudaLaunchPlan(CudaVariant::Fast, Image(9, 9), fraction, {});
    REQUIRE(noInteger.lanes);
    CHECK_FALSE(noInteger.params.integerFinish);
    CHECK(noInteger.laneStreamRows == 0);
    // A 3x3 kernel whose 255 x sum of |taps| passes 2^16 needs two groups: the tile.
    std::vector<float> heavy(9, 40.0f);
    heavy[0] = 41.0f;  // not rank 1
    ConvRequest twoGroups;
    twoGroups.kernel = Kernel(3, 3, heavy);
    const CudaLaunchPlan flushed =
        makeCudaLaunchPlan(CudaVariant::Fast, Image(9, 9), twoGroups, {});
    REQUIRE(flushed.lanes);
    CHECK(flushed.lanes->flushRows != 0u);
    CHECK(flushed.laneStreamRows == 0);
    // The signed presets the class starts from (sharpen, Laplacian) stream.
    int streamed = 0;
    for (const PresetInfo& preset : presetList()) {
        const CudaLaunchPlan plan =
            makeCudaLaunchPlan(CudaVariant::Fast, Image(9, 9), makePreset(preset.id), {});
        if (plan.laneStreamRows > 0) {
            ++streamed;
            CHECK(plan.lanes);
            CHECK(plan.lanes->flushRows == 0u);
            CHECK(plan.params.kernelWidth <= kMaxLanesStreamSide);
            CHECK(plan.params.kernelHeight <= kMaxLanesStreamSide);
        }
    }
    CHECK(streamed >= 2);
    CHECK(makeCudaLaunchPlan(CudaVariant::Fast, Image(9, 9), makePreset("sharpen"), {})
              .laneStreamRows > 0);
    // Strip heights other than 32 and 64 are input errors.
    RunOptions odd;
    odd.laneStreamRows = 48;
    CHECK_THROWS_AS(makeCudaLaunchPlan(CudaVariant::Fast, Image(9, 9), denseKernel(3), odd),
                    InputError);
}

#endif  // CONVIS_HAS_CUDA
