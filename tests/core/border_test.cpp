// Border remapping: every mode, inside and outside, one- and two-pixel axes, taps far outside.
#include <doctest/doctest.h>

#include <vector>

#include "core/border.hpp"

using namespace convis;

namespace {
// remapIndex for i = first, first + 1, ... on an axis of n pixels.
std::vector<int> remapRange(int first, int count, int n, BorderMode mode) {
    std::vector<int> result;
    for (int i = first; i < first + count; ++i) {
        result.push_back(remapIndex(i, n, mode));
    }
    return result;
}
}  // namespace

TEST_CASE("border: inside the axis every mode reads the pixel itself") {
    for (BorderMode mode : kAllBorderModes) {
        CHECK(remapRange(0, 5, 5, mode) == std::vector<int>{0, 1, 2, 3, 4});
    }
}

TEST_CASE("border: zero reads nothing outside") {
    CHECK(remapRange(-3, 11, 5, BorderMode::Zero) ==
          std::vector<int>{-1, -1, -1, 0, 1, 2, 3, 4, -1, -1, -1});
    CHECK(remapIndex(-1000, 5, BorderMode::Zero) == -1);
    CHECK(remapIndex(1000, 5, BorderMode::Zero) == -1);
}

TEST_CASE("border: clamp repeats the edge pixel") {
    CHECK(remapRange(-3, 11, 5, BorderMode::Clamp) ==
          std::vector<int>{0, 0, 0, 0, 1, 2, 3, 4, 4, 4, 4});
    CHECK(remapIndex(-1000, 5, BorderMode::Clamp) == 0);
    CHECK(remapIndex(1000, 5, BorderMode::Clamp) == 4);
}

TEST_CASE("border: mirror is reflect-101, the edge pixel not repeated") {
    // ... 3 2 1 | 0 1 2 3 4 | 3 2 1 0 1 ...
    CHECK(remapRange(-5, 15, 5, BorderMode::Mirror) ==
          std::vector<int>{3, 4, 3, 2, 1, 0, 1, 2, 3, 4, 3, 2, 1, 0, 1});
    // Period 2 * (5 - 1) = 8: -1000 = -125 * 8, 1003 = 125 * 8 + 3, 1005 = 125 * 8 + 5 -> 8 - 5.
    CHECK(remapIndex(-1000, 5, BorderMode::Mirror) == 0);
    CHECK(remapIndex(1003, 5, BorderMode::Mirror) == 3);
    CHECK(remapIndex(1005, 5, BorderMode::Mirror) == 3);
    CHECK(remapIndex(-1001, 5, BorderMode::Mirror) == 1);
}

TEST_CASE("border: wrap is periodic") {
    CHECK(remapRange(-6, 17, 5, BorderMode::Wrap) ==
          std::vector<int>{4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0});
    CHECK(remapIndex(-1000, 5, BorderMode::Wrap) == 0);
    CHECK(remapIndex(-1001, 5, BorderMode::Wrap) == 4);
    CHECK(remapIndex(1003, 5, BorderMode::Wrap) == 3);
}

TEST_CASE("border: a one-pixel axis reads its only pixel (or zero) at any distance") {
    for (int i : {-31, -15, -2, -1, 1, 2, 15, 31, 1000}) {
        CAPTURE(i);
        CHECK(remapIndex(i, 1, BorderMode::Zero) == -1);
        CHECK(remapIndex(i, 1, BorderMode::Clamp) == 0);
        CHECK(remapIndex(i, 1, BorderMode::Mirror) == 0);
        CHECK(remapIndex(i, 1, BorderMode::Wrap) == 0);
    }
    CHECK(remapIndex(0, 1, BorderMode::Zero) == 0);
}

TEST_CASE("border: a two-pixel axis") {
    CHECK(remapRange(-3, 8, 2, BorderMode::Mirror) == std::vector<int>{1, 0, 1, 0, 1, 0, 1, 0});
    CHECK(remapRange(-3, 8, 2, BorderMode::Wrap) == std::vector<int>{1, 0, 1, 0, 1, 0, 1, 0});
    CHECK(remapRange(-3, 8, 2, BorderMode::Clamp) == std::vector<int>{0, 0, 0, 0, 1, 1, 1, 1});
}

TEST_CASE("border: every mode stays inside the axis for taps far outside") {
    for (BorderMode mode : {BorderMode::Clamp, BorderMode::Mirror, BorderMode::Wrap}) {
        for (int n : {1, 2, 3, 7, 16}) {
            for (int i = -100; i <= 100; ++i) {
                const int r = remapIndex(i, n, mode);
                REQUIRE(r >= 0);
                REQUIRE(r < n);
            }
        }
    }
}

TEST_CASE("border: names parse and print") {
    for (BorderMode mode : kAllBorderModes) {
        CHECK(parseBorderMode(borderName(mode)) == mode);
    }
    CHECK(parseBorderMode("replicate") == BorderMode::Clamp);
    CHECK(parseBorderMode("reflect101") == BorderMode::Mirror);
    CHECK_FALSE(parseBorderMode("diagonal").has_value());
    CHECK_FALSE(parseBorderMode("").has_value());
}
