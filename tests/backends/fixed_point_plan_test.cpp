// planFixedPoint() and its error bound: known plans, refusals, and the bound checked against the
// plan's arithmetic carried out exactly on adversarial and random inputs.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "backends/fixed_point_plan.hpp"
#include "core/bench_kernels.hpp"
#include "core/kernel_presets.hpp"

using namespace convis;

namespace {

Kernel outer(const std::vector<float>& column, const std::vector<float>& row) {
    std::vector<float> w;
    for (float c : column) {
        for (float r : row) {
            w.push_back(c * r);
        }
    }
    return Kernel(static_cast<int>(row.size()), static_cast<int>(column.size()), w);
}

// The value the fixed-point path rounds, F = (S' + add - 2^(t-1)) / 2^t, computed here from the
// plan's documented formulas with 64-bit integers (no SIMD, no shortcuts).
double fixedValue(const FixedPointPlan& plan, const std::vector<int>& window, int kw, int kh) {
    std::int64_t s = 0;
    for (int x = 0; x < kw; ++x) {
        std::int64_t v = 0;
        for (int y = 0; y < kh; ++y) {
            v += std::int64_t{plan.column[static_cast<std::size_t>(y)]} *
                 window[static_cast<std::size_t>(y * kw + x)];
        }
        const int sh = plan.intermediateShift;
        const std::int64_t h = (v + (sh > 0 ? std::int64_t{1} << (sh - 1) : 0)) >> sh;
        REQUIRE(h >= -32768);
        REQUIRE(h <= 32767);
        s += std::int64_t{plan.row[static_cast<std::size_t>(x)]} * h;
    }
    REQUIRE(std::llabs(s) + std::llabs(plan.outputAdd) < 2147483648LL);
    const int t = plan.outputShift;
    const double half = t > 0 ? std::ldexp(1.0, t - 1) : 0.0;
    return std::ldexp(static_cast<double>(plan.absolute ? std::llabs(s) : s) +
                          static_cast<double>(plan.outputAdd) - half,
                      -t);
}

// The exact value of the float weights, E = sum w p / d (+ abs) + offset, in long double.
long double exactValue(const Kernel& taps, const std::vector<int>& window, float divisor,
                       float offset, bool absolute) {
    long double sum = 0.0L;
    for (std::size_t i = 0; i < window.size(); ++i) {
        sum += static_cast<long double>(taps.weights()[i]) * window[i];
    }
    long double v = sum / static_cast<long double>(divisor);
    if (absolute) {
        v = std::fabs(v);
    }
    return v + static_cast<long double>(offset);
}

// The largest |F - E| over the two adversarial windows (every input at 255 where the implied
// weight is too large, 0 elsewhere, and the reverse) and some random ones.
double worstObserved(const Kernel& taps, const FixedPointPlan& plan, float divisor, float offset,
                     std::mt19937& rng) {
    const int kw = taps.width();
    const int kh = taps.height();
    std::vector<int> high(static_cast<std::size_t>(kw * kh));
    std::vector<int> low(high.size());
    for (int y = 0; y < kh; ++y) {
        for (int x = 0; x < kw; ++x) {
            const double implied =
                std::ldexp(static_cast<double>(plan.row[static_cast<std::size_t>(x)]) *
                               plan.column[static_cast<std::size_t>(y)],
                           -(plan.outputShift + plan.intermediateShift));
            const bool over = implied > static_cast<double>(taps.at(x, y)) / divisor;
            high[static_cast<std::size_t>(y * kw + x)] = over ? 255 : 0;
            low[static_cast<std::size_t>(y * kw + x)] = over ? 0 : 255;
        }
    }
    std::vector<std::vector<int>> windows = {high, low};
    std::uniform_int_distribution<int> byte(0, 255);
    for (int i = 0; i < 200; ++i) {
        std::vector<int> w(high.size());
        for (int& p : w) {
            p = byte(rng);
        }
        windows.push_back(w);
    }
    double worst = 0.0;
    for (const auto& w : windows) {
        const double f = fixedValue(plan, w, kw, kh);
        const long double e = exactValue(taps, w, divisor, offset, plan.absolute);
        worst = std::max(worst, static_cast<double>(std::fabs(static_cast<long double>(f) - e)));
    }
    return worst;
}

}  // namespace

TEST_CASE("fixed point: a Gaussian of exact binary weights has no fixed-point error") {
    const Kernel taps = outer({0.25f, 0.5f, 0.25f}, {0.25f, 0.5f, 0.25f});
    const auto plan = planFixedPoint(taps, 1.0f, 0.0f, false);
    REQUIRE(plan);
    CHECK(!plan->exact);  // float weights: the bound decides
    CHECK(plan->fixedError < 1e-9);
    // gamma_(9 + 2) * 255 * sum |w|, sum |w| = 1: 11 u / (1 - 11 u) * 255 with u = 2^-24.
    const double u = std::ldexp(1.0, -24);
    CHECK(plan->referenceError == doctest::Approx(11.0 * u / (1.0 - 11.0 * u) * 255.0));
    CHECK(plan->rowSymmetry == 1);
    CHECK(plan->columnSymmetry == 1);
    std::mt19937 rng(3);
    CHECK(worstObserved(taps, *plan, 1.0f, 0.0f, rng) == 0.0);
}

TEST_CASE("fixed point: integer kernels get exact plans with the reference's finish") {
    const auto g5 = makePreset("gaussian5");
    const auto plan = planFixedPoint(g5.kernel, g5.divisor, g5.offset, g5.absolute);
    REQUIRE(plan);
    CHECK(plan->exact);
    CHECK(!plan->floatFinish);  // divisor 256: a shift by 8 with the rounding half
    CHECK(plan->outputShift == 8);
    CHECK(plan->outputAdd == 128);
    CHECK(plan->row == std::vector<std::int16_t>{1, 4, 6, 4, 1});
    CHECK(plan->column == std::vector<std::int16_t>{1, 4, 6, 4, 1});
    CHECK(fixedPointErrorBound(g5.kernel, g5.divisor, g5.offset, *plan).fixedError < 1e-9);

    const auto sobel = makePreset("sobel-x");  // signed: antisymmetric row, offset 128
    const auto sobelPlan = planFixedPoint(sobel.kernel, sobel.divisor, sobel.offset, false);
    REQUIRE(sobelPlan);
    CHECK(sobelPlan->exact);
    CHECK(sobelPlan->rowSymmetry == -1);
    CHECK(sobelPlan->columnSymmetry == 1);
    CHECK(sobelPlan->outputShift == 0);
    CHECK(sobelPlan->outputAdd == 128);

    const auto box3 = makePreset("box3");  // divisor 9: the float finish on the exact sum
    const auto boxPlan = planFixedPoint(box3.kernel, box3.divisor, box3.offset, false);
    REQUIRE(boxPlan);
    CHECK(boxPlan->floatFinish);
}

TEST_CASE("fixed point: refusals") {
    // Not rank 1.
    for (const char* id : {"sharpen", "laplacian8", "unsharp", "log"}) {
        const auto r = makePreset(id);
        CHECK_MESSAGE(!planFixedPoint(r.kernel, r.divisor, r.offset, r.absolute), id);
    }
    // A 1x1 kernel: nothing to gain.
    CHECK(!planFixedPoint(Kernel(1, 1, {0.5f}), 1.0f, 0.0f, false));
    // An integer factor beyond int16 (exact in float, so the float separable path keeps it).
    CHECK(!planFixedPoint(Kernel(3, 1, {1.0f, 40000.0f, 1.0f}), 65536.0f, 0.0f, false));
    // High gain: weights near 111 with divisor 1. Quantising them to 16 bits moves the value by
    // several output steps in the worst case, while the reference's own error stays small, so
    // the bound must refuse (and it does not for the same kernel divided by its sum).
    const Kernel loud = outer({1.1f, 2.3f, 1.1f}, {40.7f, 85.1f, 40.7f});
    CHECK(!planFixedPoint(loud, 1.0f, 0.0f, false));
    const auto normalised = planFixedPoint(loud, loud.sum(), 0.0f, false);
    REQUIRE(normalised);
    CHECK(normalised->fixedError + normalised->referenceError < 1.0);
}

TEST_CASE("fixed point: the bound holds for the plan's own arithmetic on worst-case inputs") {
    std::mt19937 rng(11);
    struct Case {
        Kernel taps;
        float divisor;
        float offset;
        bool absolute;
    };
    std::vector<Case> cases;
    for (int k = 3; k <= 31; k += 2) {  // the benchmark's Gaussians
        std::vector<float> g = bench::gaussianFactor(k);
        cases.push_back({outer(g, g), 1.0f, 0.0f, false});
    }
    // Signed float factors (a derivative of a Gaussian), with offset and abs; an asymmetric one.
    cases.push_back(
        {outer({0.27f, 0.46f, 0.27f}, {-0.3f, -0.7f, 0.0f, 0.7f, 0.3f}), 1.0f, 127.3f, false});
    cases.push_back(
        {outer({0.27f, 0.46f, 0.27f}, {-0.3f, -0.7f, 0.0f, 0.7f, 0.3f}), 0.5f, 0.25f, true});
    cases.push_back(
        {outer({0.1f, 0.7f, 0.3f, 0.2f, 0.05f}, {0.9f, -0.2f, 0.33f}), 1.3f, 10.0f, false});
    for (const Case& c : cases) {
        CAPTURE(c.taps.width());
        CAPTURE(c.divisor);
        const auto plan = planFixedPoint(c.taps, c.divisor, c.offset, c.absolute);
        REQUIRE(plan);
        CHECK(plan->fixedError + plan->referenceError < 1.0);
        const double observed = worstObserved(c.taps, *plan, c.divisor, c.offset, rng);
        CAPTURE(plan->fixedError);
        CHECK(observed <= plan->fixedError);
    }
}
