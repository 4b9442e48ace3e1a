// Chart maths: data ranges, linear and log ticks, value-to-pixel mapping, labels.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "core/chart_scale.hpp"

using namespace convis;

TEST_CASE("data ranges skip NaN, infinities and (for log axes) non-positive values") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<double> values{nan, 3.0,  -2.0,
                                     0.0, 40.0, std::numeric_limits<double>::infinity()};
    const AxisRange linear = dataRange(values, false).value();
    CHECK(linear.lo == -2.0);
    CHECK(linear.hi == 40.0);
    const AxisRange log = dataRange(values, true).value();
    CHECK(log.lo == 3.0);
    CHECK(log.hi == 40.0);
    CHECK_FALSE(dataRange(std::vector<double>{nan, -1.0}, true).has_value());
    CHECK_FALSE(dataRange(std::vector<double>{}, false).has_value());
    // One value: widened so the axis has a length.
    const AxisRange one = dataRange(std::vector<double>{5.0}, false).value();
    CHECK(one.lo < 5.0);
    CHECK(one.hi > 5.0);
    const AxisRange oneLog = dataRange(std::vector<double>{5.0}, true).value();
    CHECK(oneLog.lo == 2.5);
    CHECK(oneLog.hi == 10.0);
}

TEST_CASE("linear ticks are 1, 2 or 5 times a power of ten and cover the range") {
    const Ticks t = linearTicks({0.0, 10.0}, 6);
    CHECK(t.major == std::vector<double>{0, 2, 4, 6, 8, 10});
    // (0.87 - 0.13) / 4 = 0.185 rounds up to a step of 0.2; the range widens to whole steps.
    const Ticks odd = linearTicks({0.13, 0.87}, 5);
    CHECK(odd.range.lo == doctest::Approx(0.0));
    CHECK(odd.range.hi == doctest::Approx(1.0));
    REQUIRE(odd.major.size() == 6);
    for (std::size_t i = 0; i < odd.major.size(); ++i) {
        CHECK(odd.major[i] == doctest::Approx(0.2 * static_cast<double>(i)));
    }
    const Ticks negative = linearTicks({-7.0, 3.0}, 6);
    CHECK(negative.range.lo <= -7.0);
    CHECK(negative.range.hi >= 3.0);
    CHECK(std::find(negative.major.begin(), negative.major.end(), 0.0) != negative.major.end());
    // Reversed or empty ranges do not loop or divide by zero.
    CHECK_FALSE(linearTicks({5.0, 5.0}, 4).major.empty());
    CHECK_FALSE(linearTicks({3.0, 1.0}, 4).major.empty());
    CHECK(linearTicks({std::nan(""), 1.0}, 4).major.empty());
}

TEST_CASE("log ticks are whole decades with 2..9 minors when few decades show") {
    const Ticks t = logTicks({3.0, 2000.0}, 8);
    CHECK(t.range.lo == 1.0);
    CHECK(t.range.hi == 10000.0);
    CHECK(t.major == std::vector<double>{1, 10, 100, 1000, 10000});
    CHECK(t.minor.size() == 4 * 8);
    CHECK(t.minor.front() == 2.0);
    CHECK(t.minor.back() == 9000.0);
    // Exactly 1000 stays the top (no widening to 10^4 by rounding in log10).
    CHECK(logTicks({1.0, 1000.0}, 8).range.hi == 1000.0);
    // Many decades: every second (or third) decade labelled, no minors.
    const Ticks wide = logTicks({1e-3, 1e9}, 4);
    CHECK(wide.major.size() <= 5);
    CHECK(wide.minor.empty());
    CHECK(wide.major.front() == doctest::Approx(1e-3));
    // Non-positive lower bounds fall back instead of producing NaN ticks.
    CHECK(logTicks({0.0, 10.0}, 4).major == std::vector<double>{1, 10});
}

TEST_CASE("values map to pixels and back, linear and log, y axes flipped") {
    const AxisScale x({0.0, 100.0}, false, 10.0f, 210.0f);
    CHECK(x.toPixel(0.0) == doctest::Approx(10.0));
    CHECK(x.toPixel(50.0) == doctest::Approx(110.0));
    CHECK(x.fromPixel(160.0f) == doctest::Approx(75.0));
    const AxisScale log({1.0, 10000.0}, true, 0.0f, 400.0f);
    CHECK(log.toPixel(100.0) == doctest::Approx(200.0));
    CHECK(log.toPixel(10.0) == doctest::Approx(100.0));
    CHECK(log.fromPixel(300.0f) == doctest::Approx(1000.0));
    // A y axis: larger values higher up (smaller pixel y).
    const AxisScale y({1.0, 100.0}, true, 500.0f, 100.0f);
    CHECK(y.toPixel(1.0) == doctest::Approx(500.0));
    CHECK(y.toPixel(100.0) == doctest::Approx(100.0));
    CHECK(y.toPixel(10.0) < y.toPixel(5.0));
    // What cannot be shown has no pixel.
    CHECK(std::isnan(log.toPixel(0.0)));
    CHECK(std::isnan(log.toPixel(-3.0)));
    CHECK(std::isnan(x.toPixel(std::nan(""))));
    CHECK(std::isnan(x.toPixel(std::numeric_limits<double>::infinity())));
    // A zero-length range does not divide by zero.
    CHECK(std::isfinite(AxisScale({5.0, 5.0}, false, 0.0f, 10.0f).toPixel(5.0)));
}

TEST_CASE("tick and size labels are short") {
    CHECK(tickLabel(0.0) == "0");
    CHECK(tickLabel(0.5) == "0.5");
    CHECK(tickLabel(20.0) == "20");
    CHECK(tickLabel(1000.0) == "1000");
    CHECK(tickLabel(20000.0) == "20k");
    CHECK(tickLabel(2e6) == "2M");
    CHECK(tickLabel(1e-5) == "1e-05");
    CHECK(tickLabel(12.5, "ms") == "12.5 ms");
    CHECK(tickLabel(std::nan("")) == "-");
    CHECK(pixelCountLabel(1024.0 * 1024.0) == "1024\xC2\xB2");
    CHECK(pixelCountLabel(1920.0 * 1080.0) == "1440\xC2\xB2");  // it is a square number
    CHECK(pixelCountLabel(1000.0 * 500.0) == "0.5 MP");
    CHECK(pixelCountLabel(-1.0) == "-");
}

TEST_CASE("the palette is Okabe-Ito") {
    CHECK(kOkabeIto[0] == 0x000000u);
    CHECK(kOkabeIto[1] == 0xE69F00u);  // orange
    CHECK(kOkabeIto[5] == 0x0072B2u);  // blue
    CHECK(kOkabeIto[7] == 0xCC79A7u);  // reddish purple
}
