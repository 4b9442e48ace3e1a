// Strict number parsing for typed values: the whole text must be one finite number in range
// (so "1e39" is refused instead of becoming infinity), or a fraction "a/b" such as "1/16".
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace convis::ui {

struct ParsedNumber {
    std::optional<float> value;
    std::string error;  // set when value is empty: one line saying why
};

// Accepts an optional sign, decimal or scientific notation, or a/b; rejects trailing text,
// NaN, infinity and values whose magnitude exceeds maxAbs.
ParsedNumber parseNumber(std::string_view text, float maxAbs);

// Shortest text that reads back to the same float ("0.0625", "-2", "1e-05").
std::string formatNumber(float value);

// A short form for narrow cells: at most `digits` significant digits.
std::string formatShort(float value, int digits);

}  // namespace convis::ui
