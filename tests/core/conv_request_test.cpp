// ConvRequest: validation, normalisation, and which taps convolution and correlation use.
#include <doctest/doctest.h>

#include <limits>

#include "core/conv_request.hpp"
#include "core/error.hpp"
#include "core/kernel_presets.hpp"

using namespace convis;

TEST_CASE("request: divisor and offset are validated") {
    ConvRequest r;
    CHECK_NOTHROW(r.validate());
    r.divisor = 0.0f;
    CHECK_THROWS_AS(r.validate(), InputError);
    r.divisor = std::numeric_limits<float>::quiet_NaN();
    CHECK_THROWS_AS(r.validate(), InputError);
    r.divisor = std::numeric_limits<float>::infinity();
    CHECK_THROWS_AS(r.validate(), InputError);
    r.divisor = -2.0f;
    CHECK_NOTHROW(r.validate());
    r.offset = std::numeric_limits<float>::infinity();
    CHECK_THROWS_AS(r.validate(), InputError);
    r.offset = 2.0e6f;
    CHECK_THROWS_AS(r.validate(), InputError);
}

TEST_CASE("request: normalise divides by the weight sum, zero-sum kernels refuse") {
    ConvRequest r;
    r.kernel = Kernel(3, 3, std::vector<float>(9, 1.0f));
    r.normalise();
    CHECK(r.divisor == 9.0f);
    ConvRequest s = makePreset("sobel-x");
    CHECK_THROWS_AS(s.normalise(), InputError);
}

TEST_CASE("request: convolution uses the flipped kernel as correlation taps") {
    ConvRequest r;
    r.kernel = Kernel(3, 1, {1, 2, 3});
    r.mode = KernelMode::Convolution;
    CHECK(r.correlationTaps().weights() == std::vector<float>{3, 2, 1});
    r.mode = KernelMode::Correlation;
    CHECK(r.correlationTaps().weights() == std::vector<float>{1, 2, 3});
}
