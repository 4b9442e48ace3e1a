// Kernel validation, flipping, sums and separability (rank-1 factors).
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "core/kernel.hpp"
#include "core/kernel_presets.hpp"

using namespace convis;

namespace {
// The factors multiply back to the kernel within a relative tolerance.
void checkFactorsRebuild(const Kernel& kernel, const SeparableFactors& f) {
    REQUIRE(f.row.size() == static_cast<std::size_t>(kernel.width()));
    REQUIRE(f.column.size() == static_cast<std::size_t>(kernel.height()));
    for (int y = 0; y < kernel.height(); ++y) {
        for (int x = 0; x < kernel.width(); ++x) {
            const float product =
                f.column[static_cast<std::size_t>(y)] * f.row[static_cast<std::size_t>(x)];
            CHECK(product == doctest::Approx(kernel.at(x, y)).epsilon(1e-5));
        }
    }
}
}  // namespace

TEST_CASE("kernel: sizes must be odd and 1 to 31") {
    CHECK_NOTHROW(Kernel(1, 1, {2.0f}));
    CHECK_NOTHROW(Kernel(31, 1, std::vector<float>(31, 1.0f)));
    CHECK_NOTHROW(Kernel(3, 5, std::vector<float>(15, 1.0f)));
    CHECK_THROWS_AS(Kernel(2, 3, std::vector<float>(6, 1.0f)), InputError);
    CHECK_THROWS_AS(Kernel(3, 4, std::vector<float>(12, 1.0f)), InputError);
    CHECK_THROWS_AS(Kernel(0, 1, {}), InputError);
    CHECK_THROWS_AS(Kernel(33, 1, std::vector<float>(33, 1.0f)), InputError);
    CHECK_THROWS_AS(Kernel(-1, 1, {}), InputError);
    CHECK_THROWS_AS(Kernel(3, 3, std::vector<float>(8, 1.0f)), InputError);
}

TEST_CASE("kernel: weights must be finite and at most 1e6") {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const float inf = std::numeric_limits<float>::infinity();
    CHECK_THROWS_AS(Kernel(1, 1, {nan}), InputError);
    CHECK_THROWS_AS(Kernel(1, 1, {-inf}), InputError);
    CHECK_THROWS_AS(Kernel(1, 1, {2.0e6f}), InputError);
    CHECK_NOTHROW(Kernel(1, 1, {-1.0e6f}));
}

TEST_CASE("kernel: flipped rotates by 180 degrees") {
    const Kernel k(3, 1, {1, 2, 3});
    CHECK(k.flipped().weights() == std::vector<float>{3, 2, 1});
    const Kernel r(3, 3, {1, 2, 3, 4, 5, 6, 7, 8, 9});
    CHECK(r.flipped().weights() == std::vector<float>{9, 8, 7, 6, 5, 4, 3, 2, 1});
    CHECK(r.flipped().flipped() == r);
    const Kernel tall(1, 3, {1, 2, 3});
    CHECK(tall.flipped().at(0, 0) == 3.0f);
}

TEST_CASE("kernel: sum and integer weights") {
    CHECK(Kernel(3, 1, {1, 2, 3}).sum() == 6.0f);
    CHECK(Kernel(3, 1, {1, 2, 3}).isIntegerValued());
    CHECK_FALSE(Kernel(3, 1, {1, 2.5f, 3}).isIntegerValued());
}

TEST_CASE("separable: box factors are all ones (up to scale)") {
    const Kernel box = makePreset("box5").kernel;
    const auto f = box.separable();
    REQUIRE(f.has_value());
    checkFactorsRebuild(box, *f);
    for (float v : f->row) {
        CHECK(v == f->row[0]);
    }
    for (float v : f->column) {
        CHECK(v == f->column[0]);
    }
}

TEST_CASE("separable: binomial 3x3 factors are 1-2-1") {
    const Kernel g = makePreset("gaussian3").kernel;
    const auto f = g.separable();
    REQUIRE(f.has_value());
    checkFactorsRebuild(g, *f);
    CHECK(f->row[1] / f->row[0] == doctest::Approx(2.0));
    CHECK(f->row[2] / f->row[0] == doctest::Approx(1.0));
    CHECK(f->column[1] / f->column[0] == doctest::Approx(2.0));
    CHECK(f->column[2] / f->column[0] == doctest::Approx(1.0));
}

TEST_CASE("separable: binomial 5x5 factors are 1-4-6-4-1") {
    const Kernel g = makePreset("gaussian5").kernel;
    const auto f = g.separable();
    REQUIRE(f.has_value());
    checkFactorsRebuild(g, *f);
    const float binomial[] = {1, 4, 6, 4, 1};
    for (std::size_t i = 0; i < 5; ++i) {
        CHECK(f->row[i] / f->row[0] == doctest::Approx(binomial[i]));
        CHECK(f->column[i] / f->column[0] == doctest::Approx(binomial[i]));
    }
}

TEST_CASE("separable: Gaussian(sigma) factors are the 1D Gaussian") {
    const Kernel g = makePreset("gaussian", {1.5f, 0}).kernel;
    const auto f = g.separable();
    REQUIRE(f.has_value());
    checkFactorsRebuild(g, *f);
    const int r = g.radiusX();
    for (int x = -r; x <= r; ++x) {
        const double expected = std::exp(-(x * x) / (2.0 * 1.5 * 1.5));
        CHECK(f->row[static_cast<std::size_t>(x + r)] / f->row[static_cast<std::size_t>(r)] ==
              doctest::Approx(expected).epsilon(1e-5));
    }
}

TEST_CASE("separable: Sobel X is [1 2 1] down times [-1 0 1] across") {
    const Kernel s = makePreset("sobel-x").kernel;
    const auto f = s.separable();
    REQUIRE(f.has_value());
    checkFactorsRebuild(s, *f);
    CHECK(f->row[0] == -f->row[2]);
    CHECK(f->row[1] == 0.0f);
    CHECK(f->column[1] / f->column[0] == doctest::Approx(2.0));
    CHECK(f->column[2] / f->column[0] == doctest::Approx(1.0));
}

TEST_CASE("separable: Laplacian, sharpen, emboss and all-zero are not") {
    CHECK_FALSE(makePreset("laplacian4").kernel.separable().has_value());
    CHECK_FALSE(makePreset("laplacian8").kernel.separable().has_value());
    CHECK_FALSE(makePreset("sharpen").kernel.separable().has_value());
    CHECK_FALSE(makePreset("emboss").kernel.separable().has_value());
    CHECK_FALSE(Kernel(3, 3, std::vector<float>(9, 0.0f)).separable().has_value());
}

TEST_CASE("separable: a rectangular rank-1 kernel") {
    // column {1, -2, 3} times row {2, 0, 1, 4, -1}
    const std::vector<float> column{1, -2, 3};
    const std::vector<float> row{2, 0, 1, 4, -1};
    std::vector<float> w;
    for (float c : column) {
        for (float r : row) {
            w.push_back(c * r);
        }
    }
    const Kernel k(5, 3, w);
    const auto f = k.separable();
    REQUIRE(f.has_value());
    checkFactorsRebuild(k, *f);
    w[7] += 0.5f;  // break rank 1
    CHECK_FALSE(Kernel(5, 3, w).separable().has_value());
}
