// The tuned kernels' conversion-free post-op equals core's finishValue, checked on the device.
#include <doctest/doctest.h>

#include <cmath>
#include <initializer_list>

#include "finish_check.hpp"

TEST_CASE("cuda: the fast post-op equals finishValue for every divisor, offset and abs") {
    const float divisors[] = {1.0f,  2.0f,  3.0f,   4.0f,    6.0f,   7.0f, 9.0f, 16.0f, 25.0f,
                              36.0f, 81.0f, 256.0f, -256.0f, 961.0f, 1.5f, 0.3f, 1e-3f, 3e7f};
    const float offsets[] = {0.0f, 128.0f, -3.0f, 0.5f, 127.5f};
    for (float divisor : divisors) {
        for (float offset : offsets) {
            for (bool absolute : {false, true}) {
                const convis::test::FinishCheck r =
                    convis::test::runFinishCheck(divisor, offset, absolute);
                INFO("divisor " << divisor << " offset " << offset << " abs " << absolute
                                << ": first mismatch at sum " << r.firstSum << " expected "
                                << r.firstExpected << " got " << r.firstActual);
                CHECK(r.compared > 16000000u);
                CHECK(r.mismatches == 0u);
            }
        }
    }
}

TEST_CASE("cuda: the integer post-op equals finishValue for every integer sum") {
    // Small and preset divisors, the benchmark's weight sums, negative ones, and for each offset
    // the largest divisor configureIntegerFinish accepts (its bound is where the proof is
    // tightest) and the first it refuses.
    const float offsets[] = {0.0f, 128.0f, -3.0f, 255.0f, -1024.0f, 4096.0f};
    for (float offset : offsets) {
        const double largest =
            std::floor(16777216.0 / (4.0 * (520.0 + 2.0 * std::fabs(static_cast<double>(offset)))));
        const float divisors[] = {1.0f,
                                  2.0f,
                                  3.0f,
                                  7.0f,
                                  9.0f,
                                  16.0f,
                                  25.0f,
                                  36.0f,
                                  81.0f,
                                  100.0f,
                                  175.0f,
                                  255.0f,
                                  961.0f,
                                  -9.0f,
                                  -256.0f,
                                  3851.0f,
                                  static_cast<float>(largest),
                                  static_cast<float>(largest - 1.0),
                                  -static_cast<float>(largest)};
        for (float divisor : divisors) {
            if (std::fabs(static_cast<double>(divisor)) > largest) {
                continue;  // beyond this offset's bound (checked to be refused below)
            }
            for (bool absolute : {false, true}) {
                convis::test::FinishCheck r;
                const bool enabled =
                    convis::test::runIntegerFinishCheck(divisor, offset, absolute, r);
                INFO("divisor " << divisor << " offset " << offset << " abs " << absolute
                                << ": first mismatch at sum " << r.firstSum << " expected "
                                << r.firstExpected << " got " << r.firstActual);
                REQUIRE(enabled);
                CHECK(r.compared == 2u * 16777215u + 1u);
                CHECK(r.mismatches == 0u);
            }
        }
        convis::test::FinishCheck unused;
        CHECK_FALSE(convis::test::runIntegerFinishCheck(static_cast<float>(largest + 1.0), offset,
                                                        false, unused));
    }
    convis::test::FinishCheck unused;
    CHECK_FALSE(convis::test::runIntegerFinishCheck(1.5f, 0.0f, false, unused));  // fraction
    CHECK_FALSE(convis::test::runIntegerFinishCheck(9.0f, 0.5f, false, unused));  // offset
    CHECK_FALSE(convis::test::runIntegerFinishCheck(0.5f, 0.0f, false, unused));
}
