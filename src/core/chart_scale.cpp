// Axis ranges, tick generation and value-to-pixel mapping for the charts.
#include "core/chart_scale.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace convis {

std::optional<AxisRange> dataRange(std::span<const double> values, bool forLog) {
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();
    for (double v : values) {
        if (!std::isfinite(v) || (forLog && v <= 0.0)) {
            continue;
        }
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    if (lo > hi) {
        return std::nullopt;
    }
    if (hi == lo) {
        if (forLog) {
            return AxisRange{lo / 2.0, hi * 2.0};
        }
        const double pad = lo == 0.0 ? 1.0 : std::fabs(lo) * 0.5;
        return AxisRange{lo - pad, hi + pad};
    }
    return AxisRange{lo, hi};
}

namespace {

// The smallest of 1, 2, 5 x 10^k that is at least raw.
double niceStep(double raw) {
    const double exponent = std::floor(std::log10(raw));
    const double base = std::pow(10.0, exponent);
    const double fraction = raw / base;
    const double nice = fraction <= 1.0   ? 1.0
                        : fraction <= 2.0 ? 2.0
                        : fraction <= 5.0 ? 5.0
                                          : 10.0;
    return nice * base;
}

}  // namespace

Ticks linearTicks(AxisRange range, int maxTicks) {
    Ticks ticks;
    if (!std::isfinite(range.lo) || !std::isfinite(range.hi)) {
        ticks.range = {0.0, 1.0};
        return ticks;
    }
    if (range.hi < range.lo) {
        std::swap(range.lo, range.hi);
    }
    if (range.hi == range.lo) {
        range.hi = range.lo + 1.0;
    }
    const int intervals = std::max(1, maxTicks - 1);
    const double step = niceStep((range.hi - range.lo) / intervals);
    const double first = std::floor(range.lo / step + 1e-9);
    const double last = std::ceil(range.hi / step - 1e-9);
    ticks.range = {first * step, last * step};
    for (double i = first; i <= last + 0.5; i += 1.0) {
        const double v = i * step;
        ticks.major.push_back(std::fabs(v) < step * 1e-9 ? 0.0 : v);
    }
    return ticks;
}

Ticks logTicks(AxisRange range, int maxTicks) {
    Ticks ticks;
    if (!(range.lo > 0.0) || !std::isfinite(range.lo) || !std::isfinite(range.hi)) {
        ticks.range = {1.0, 10.0};
        ticks.major = {1.0, 10.0};
        return ticks;
    }
    if (range.hi < range.lo) {
        std::swap(range.lo, range.hi);
    }
    // A small tolerance so 1000 is not widened to 10000 by rounding in log10.
    int d0 = static_cast<int>(std::floor(std::log10(range.lo) + 1e-9));
    int d1 = static_cast<int>(std::ceil(std::log10(range.hi) - 1e-9));
    if (d1 <= d0) {
        d1 = d0 + 1;
    }
    ticks.range = {std::pow(10.0, d0), std::pow(10.0, d1)};
    const int decades = d1 - d0;
    const int every = std::max(1, (decades + std::max(1, maxTicks) - 1) / std::max(1, maxTicks));
    for (int d = d0; d <= d1; ++d) {
        if ((d - d0) % every == 0) {
            ticks.major.push_back(std::pow(10.0, d));
        }
        if (decades <= 6 && d < d1) {
            for (int m = 2; m <= 9; ++m) {
                ticks.minor.push_back(m * std::pow(10.0, d));
            }
        }
    }
    return ticks;
}

AxisScale::AxisScale(AxisRange range, bool logarithmic, float pixelStart, float pixelEnd)
    : m_range(range), m_log(logarithmic), m_p0(pixelStart), m_p1(pixelEnd) {
    if (m_log) {
        m_t0 = std::log10(range.lo > 0.0 ? range.lo : 1.0);
        m_t1 = std::log10(range.hi > 0.0 ? range.hi : 10.0);
    } else {
        m_t0 = range.lo;
        m_t1 = range.hi;
    }
    if (!(m_t1 != m_t0) || !std::isfinite(m_t0) || !std::isfinite(m_t1)) {
        m_t1 = m_t0 + 1.0;
    }
}

float AxisScale::toPixel(double value) const {
    if (!std::isfinite(value) || (m_log && value <= 0.0)) {
        return std::numeric_limits<float>::quiet_NaN();
    }
    const double t = m_log ? std::log10(value) : value;
    const double f = (t - m_t0) / (m_t1 - m_t0);
    return static_cast<float>(m_p0 + f * (m_p1 - m_p0));
}

double AxisScale::fromPixel(float pixel) const {
    const double f = (static_cast<double>(pixel) - m_p0) / (static_cast<double>(m_p1) - m_p0);
    const double t = m_t0 + f * (m_t1 - m_t0);
    return m_log ? std::pow(10.0, t) : t;
}

std::string tickLabel(double value, const std::string& unit) {
    if (!std::isfinite(value)) {
        return "-";
    }
    char text[48];
    const double a = std::fabs(value);
    if (a == 0.0) {
        std::snprintf(text, sizeof text, "0");
    } else if (a >= 1e9 || a < 1e-3) {
        std::snprintf(text, sizeof text, "%.0e", value);
    } else if (a >= 1e6) {
        std::snprintf(text, sizeof text, "%gM", value / 1e6);
    } else if (a >= 1e4) {
        std::snprintf(text, sizeof text, "%gk", value / 1e3);
    } else {
        std::snprintf(text, sizeof text, "%.4g", value);
    }
    std::string s = text;
    if (!unit.empty()) {
        s += " " + unit;
    }
    return s;
}

std::string pixelCountLabel(double pixels) {
    if (!std::isfinite(pixels) || pixels <= 0.0) {
        return "-";
    }
    const double side = std::round(std::sqrt(pixels));
    char text[48];
    if (side * side == pixels) {
        std::snprintf(text, sizeof text, "%.0f\xC2\xB2", side);
    } else {
        std::snprintf(text, sizeof text, "%.3g MP", pixels / 1e6);
    }
    return text;
}

}  // namespace convis
