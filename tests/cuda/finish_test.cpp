// The tuned kernels' conversion-free post-op equals core's finishValue, checked on the device.
#include <doctest/doctest.h>

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
