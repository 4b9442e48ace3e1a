// The post-operation: IEEE divide, absolute value, offset, round half away from zero, saturate.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "core/rounding.hpp"

using namespace convis;

TEST_CASE("rounding: halves go away from zero") {
    CHECK(finishValue(0.5f, 1.0f, 0.0f, false) == 1);
    CHECK(finishValue(1.5f, 1.0f, 0.0f, false) == 2);
    CHECK(finishValue(2.5f, 1.0f, 0.0f, false) == 3);  // not banker's rounding (2)
    CHECK(finishValue(2.49f, 1.0f, 0.0f, false) == 2);
    CHECK(finishValue(254.5f, 1.0f, 0.0f, false) == 255);
    // -0.5 rounds to -1, which saturates to 0; -127.5 + 128 = 0.5 rounds up to 1.
    CHECK(finishValue(-0.5f, 1.0f, 0.0f, false) == 0);
    CHECK(finishValue(-128.5f, 1.0f, 128.0f, false) == 0);
    CHECK(finishValue(-127.5f, 1.0f, 128.0f, false) == 1);
    CHECK(finishValue(-126.5f, 1.0f, 128.0f, false) == 2);
}

TEST_CASE("rounding: saturation at both ends") {
    CHECK(finishValue(255.0f, 1.0f, 0.0f, false) == 255);
    CHECK(finishValue(255.5f, 1.0f, 0.0f, false) == 255);
    CHECK(finishValue(1.0e9f, 1.0f, 0.0f, false) == 255);
    CHECK(finishValue(-3.0f, 1.0f, 0.0f, false) == 0);
    CHECK(finishValue(-1.0e9f, 1.0f, 0.0f, false) == 0);
    CHECK(finishValue(std::numeric_limits<float>::quiet_NaN(), 1.0f, 0.0f, false) == 0);
}

TEST_CASE("rounding: divisor, then absolute value, then offset") {
    CHECK(finishValue(10.0f, 4.0f, 0.0f, false) == 3);   // 2.5 -> 3
    CHECK(finishValue(7.0f, 2.0f, 0.0f, false) == 4);    // 3.5 -> 4
    CHECK(finishValue(-7.0f, -2.0f, 0.0f, false) == 4);  // negative divisor: 3.5 -> 4
    CHECK(finishValue(-10.0f, 1.0f, 128.0f, false) == 118);
    CHECK(finishValue(-10.0f, 1.0f, 128.0f, true) == 138);  // abs before offset
    CHECK(finishValue(-20.0f, 4.0f, 0.0f, true) == 5);
    CHECK(finishValue(-20.0f, 4.0f, 0.0f, false) == 0);
    CHECK(finishValue(9.0f, 9.0f, 0.0f, false) == 1);
}
