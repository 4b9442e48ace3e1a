// Strict number parsing for typed kernel values.
#include <doctest/doctest.h>

#include "ui/number_input.hpp"

namespace convis {

TEST_CASE("parseNumber accepts plain numbers, signs, exponents and fractions") {
    CHECK(ui::parseNumber("2", 1e6f).value == 2.0f);
    CHECK(ui::parseNumber(" -0.25 ", 1e6f).value == -0.25f);
    CHECK(ui::parseNumber("+3", 1e6f).value == 3.0f);
    CHECK(ui::parseNumber("1e3", 1e6f).value == 1000.0f);
    CHECK(ui::parseNumber("1/16", 1e6f).value == 0.0625f);
    CHECK(ui::parseNumber("-2/8", 1e6f).value == -0.25f);
}

TEST_CASE("parseNumber refuses infinity, NaN, overflow, junk and out-of-range values") {
    for (const char* text :
         {"1e39", "inf", "nan", "-1e400", "", "abc", "1.5x", "1/0", "2e6", "1//2", "--1"}) {
        CAPTURE(text);
        const ui::ParsedNumber parsed = ui::parseNumber(text, 1e6f);
        CHECK_FALSE(parsed.value.has_value());
        CHECK_FALSE(parsed.error.empty());
    }
}

TEST_CASE("formatNumber round-trips floats") {
    for (float value : {0.0625f, -2.0f, 1.0f / 3.0f, 1e-5f, 123456.0f}) {
        CAPTURE(value);
        CHECK(ui::parseNumber(ui::formatNumber(value), 1e6f).value == value);
    }
}

}  // namespace convis
