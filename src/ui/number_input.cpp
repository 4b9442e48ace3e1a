// Strict number parsing.
#include "ui/number_input.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace convis::ui {

namespace {

// "'text' suffix", built by appending: GCC 12 warns (-Wrestrict, a false positive) on
// "'" + std::string(...) chains.
std::string quoted(std::string_view text, std::string_view suffix) {
    std::string result = "'";
    result.append(text);
    result += "' ";
    result.append(suffix);
    return result;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

// One plain number (no fraction). Parses as double so that out-of-float-range input is
// detected as such rather than as a parse failure.
std::optional<double> parsePlain(std::string_view text, std::string& error) {
    text = trim(text);
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
    }
    if (text.empty()) {
        error = "empty value";
        return std::nullopt;
    }
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc::result_out_of_range) {
        error = quoted(text, "is out of range");
        return std::nullopt;
    }
    if (ec != std::errc{} || end != text.data() + text.size()) {
        error = quoted(text, "is not a number");
        return std::nullopt;
    }
    if (!std::isfinite(value)) {
        error = quoted(text, "is not finite");
        return std::nullopt;
    }
    return value;
}

}  // namespace

ParsedNumber parseNumber(std::string_view text, float maxAbs) {
    ParsedNumber result;
    const std::string_view trimmed = trim(text);
    double value = 0.0;
    if (const auto slash = trimmed.find('/'); slash != std::string_view::npos) {
        const auto numerator = parsePlain(trimmed.substr(0, slash), result.error);
        if (!numerator) {
            return result;
        }
        const auto denominator = parsePlain(trimmed.substr(slash + 1), result.error);
        if (!denominator) {
            return result;
        }
        if (*denominator == 0.0) {
            result.error = quoted(trimmed, "divides by zero");
            return result;
        }
        value = *numerator / *denominator;
    } else {
        const auto plain = parsePlain(trimmed, result.error);
        if (!plain) {
            return result;
        }
        value = *plain;
    }
    if (!std::isfinite(value) || std::fabs(value) > static_cast<double>(maxAbs)) {
        char limit[32];
        std::snprintf(limit, sizeof limit, "%g", static_cast<double>(maxAbs));
        result.error = quoted(trimmed, "is out of range (|value| <= ") + limit + ")";
        return result;
    }
    result.value = static_cast<float>(value);
    return result;
}

std::string formatNumber(float value) {
    char buffer[32];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    if (ec != std::errc{}) {
        return "?";
    }
    return std::string(buffer, end);
}

std::string formatShort(float value, int digits) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, static_cast<double>(value));
    return buffer;
}

}  // namespace convis::ui
