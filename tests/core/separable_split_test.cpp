// The separable split: exact integer factors, fall-backs where exactness is not guaranteed.
#include <doctest/doctest.h>

#include "core/kernel_presets.hpp"
#include "core/separable_split.hpp"

using namespace convis;

TEST_CASE("integer rank-1 kernels get exact integer factors") {
    const auto split = separableSplit(makePreset("gaussian3").kernel, 16.0f);
    REQUIRE(split.has_value());
    CHECK(split->exact);
    CHECK(split->row == std::vector<float>{1, 2, 1});
    CHECK(split->column == std::vector<float>{1, 2, 1});

    const Kernel sobel = makePreset("sobel-x").kernel;  // column (1 2 1), row (-1 0 1)
    const auto s = separableSplit(sobel, 1.0f);
    REQUIRE(s.has_value());
    for (int y = 0; y < 3; ++y) {
        for (int x = 0; x < 3; ++x) {
            CHECK(s->column[static_cast<std::size_t>(y)] * s->row[static_cast<std::size_t>(x)] ==
                  sobel.at(x, y));
        }
    }
}

TEST_CASE("kernels that are not rank 1, too large to stay exact, or 1x1 are not split") {
    CHECK(!separableSplit(makePreset("sharpen").kernel, 1.0f).has_value());
    CHECK(!separableSplit(Kernel(1, 1, {3.0f}), 1.0f).has_value());
    // sum|w| * 255 = 961 * 1000 * 255 > 2^24: the 2D path keeps it identical to the reference.
    CHECK(!separableSplit(Kernel(31, 31, std::vector<float>(961, 1000.0f)), 961000.0f).has_value());
}

TEST_CASE("float rank-1 kernels are split only when the error bound allows") {
    const ConvRequest gauss = makePreset("gaussian");
    const auto split = separableSplit(gauss.kernel, gauss.divisor);
    REQUIRE(split.has_value());
    CHECK(!split->exact);
    // A tiny divisor magnifies every error: a quarter step cannot be guaranteed any more.
    CHECK(!separableSplit(gauss.kernel, 1e-6f).has_value());
}
