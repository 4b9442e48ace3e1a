// Convolution kernel: odd W x H float weights, validated on construction, with rank-1 detection.
#pragma once

#include <optional>
#include <vector>

namespace convis {

// Rank-1 factorisation: weight(x, y) == column[y] * row[x] within a relative tolerance.
struct SeparableFactors {
    std::vector<float> row;     // width entries, applied along x
    std::vector<float> column;  // height entries, applied along y
};

class Kernel {
  public:
    static constexpr int kMaxSide = 31;
    // The largest |weight| accepted: keeps every sum of 961 taps x 255 finite and exact enough.
    static constexpr float kMaxAbsWeight = 1.0e6f;

    // A 1x1 identity kernel.
    Kernel();
    // Throws InputError unless width and height are odd, 1..31, weights.size() == width*height,
    // and every weight is finite with |w| <= kMaxAbsWeight. Weights are row-major, top row first.
    Kernel(int width, int height, std::vector<float> weights);

    int width() const { return m_width; }
    int height() const { return m_height; }
    int radiusX() const { return m_width / 2; }
    int radiusY() const { return m_height / 2; }
    const std::vector<float>& weights() const { return m_weights; }
    float at(int x, int y) const { return m_weights[static_cast<std::size_t>(y * m_width + x)]; }

    float sum() const;
    bool isIntegerValued() const;
    // The kernel rotated by 180 degrees: correlation with it is convolution with this one.
    Kernel flipped() const;
    // Rank-1 factors when the kernel is separable, else nothing.
    std::optional<SeparableFactors> separable() const;

    bool operator==(const Kernel& other) const = default;

  private:
    int m_width = 1;
    int m_height = 1;
    std::vector<float> m_weights{1.0f};
};

}  // namespace convis
