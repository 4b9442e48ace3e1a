// Chart layout maths, free of any drawing library: axis ranges, "nice" tick positions (linear
// and logarithmic), tick labels and the mapping between data values and pixels.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace convis {

struct AxisRange {
    double lo = 0.0;
    double hi = 1.0;
};

// The finite values' extent (positive values only when forLog), widened when it is a single
// value so an axis never has zero length. Nullopt when no value qualifies.
std::optional<AxisRange> dataRange(std::span<const double> values, bool forLog);

// Linear ticks: multiples of 1, 2 or 5 x 10^k covering [lo, hi], at most about maxTicks of them.
// The returned range (nice.lo, nice.hi) is widened to whole steps.
struct Ticks {
    AxisRange range;
    std::vector<double> major;  // labelled positions, ascending
    std::vector<double> minor;  // unlabelled positions (log axes: 2..9 x 10^k), ascending
};
Ticks linearTicks(AxisRange range, int maxTicks);

// Log-10 ticks: the range is widened to whole decades; majors at 10^k (every second or third
// decade when there are many), minors at 2..9 x 10^k when few decades are shown. lo must be > 0.
Ticks logTicks(AxisRange range, int maxTicks);

// Maps data values to pixels along one axis. For a log scale non-positive values have no pixel.
class AxisScale {
  public:
    AxisScale(AxisRange range, bool logarithmic, float pixelStart, float pixelEnd);
    // NaN when the value cannot be shown (NaN, infinite, or <= 0 on a log axis).
    float toPixel(double value) const;
    double fromPixel(float pixel) const;
    bool logarithmic() const { return m_log; }
    AxisRange range() const { return m_range; }

  private:
    AxisRange m_range;
    bool m_log;
    float m_p0;
    float m_p1;
    double m_t0;  // the range in transformed (log10 or linear) units
    double m_t1;
};

// A short tick label: "0.5", "20", "1k", "2M", "1e-05"; unit appended when given.
std::string tickLabel(double value, const std::string& unit = {});

// An image-size label for a pixel count that is a square: 1048576 -> "1024²"; other counts
// are shown as megapixels ("0.5 MP").
std::string pixelCountLabel(double pixels);

// The Okabe-Ito palette (colour-blind safe), as 0xRRGGBB, black first.
inline constexpr unsigned kOkabeIto[8] = {0x000000, 0xE69F00, 0x56B4E9, 0x009E73,
                                          0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7};

}  // namespace convis
