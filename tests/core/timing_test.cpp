// Statistics on known data: the percentile definition, small and empty inputs.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "core/timing.hpp"

using namespace convis;

TEST_CASE("percentiles interpolate linearly between closest ranks") {
    const std::vector<double> v{4.0, 1.0, 3.0, 2.0};  // unsorted on purpose
    CHECK(percentile(v, 0.5) == doctest::Approx(2.5));
    CHECK(percentile(v, 0.1) == doctest::Approx(1.3));  // h = 0.3
    CHECK(percentile(v, 0.9) == doctest::Approx(3.7));  // h = 2.7
    CHECK(percentile(v, 0.0) == 1.0);
    CHECK(percentile(v, 1.0) == 4.0);
    CHECK(percentile(v, -1.0) == 1.0);  // clamped
    CHECK(percentile(v, 2.0) == 4.0);
    const std::vector<double> odd{10.0, 30.0, 20.0};
    CHECK(percentile(odd, 0.5) == 20.0);
}

TEST_CASE("one sample is every percentile, none is NaN") {
    const std::vector<double> one{7.5};
    CHECK(percentile(one, 0.1) == 7.5);
    CHECK(percentile(one, 0.9) == 7.5);
    const SampleStats s = summarize(one);
    CHECK(s.count == 1);
    CHECK(s.median == 7.5);
    CHECK(s.min == 7.5);
    CHECK(s.max == 7.5);
    CHECK(s.mean == 7.5);

    const std::vector<double> none;
    CHECK(std::isnan(percentile(none, 0.5)));
    const SampleStats e = summarize(none);
    CHECK(e.count == 0);
    CHECK(std::isnan(e.median));
    CHECK(std::isnan(e.p10));
    CHECK(std::isnan(e.mean));
}

TEST_CASE("summary of known samples") {
    std::vector<double> v;
    for (int i = 1; i <= 11; ++i) {
        v.push_back(static_cast<double>(i));  // 1..11
    }
    const SampleStats s = summarize(v);
    CHECK(s.count == 11);
    CHECK(s.median == 6.0);
    CHECK(s.p10 == doctest::Approx(2.0));   // h = 1
    CHECK(s.p90 == doctest::Approx(10.0));  // h = 9
    CHECK(s.min == 1.0);
    CHECK(s.max == 11.0);
    CHECK(s.mean == doctest::Approx(6.0));
}
