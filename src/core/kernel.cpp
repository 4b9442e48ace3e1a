// Kernel validation, flipping and separability.
#include "core/kernel.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>

#include "core/error.hpp"

namespace convis {

Kernel::Kernel() = default;

Kernel::Kernel(int width, int height, std::vector<float> weights)
    : m_width(width), m_height(height), m_weights(std::move(weights)) {
    const std::string size = std::to_string(width) + "x" + std::to_string(height);
    if (width < 1 || height < 1 || width > kMaxSide || height > kMaxSide) {
        throw InputError("kernel is " + size + ": each side must be 1 to " +
                         std::to_string(kMaxSide));
    }
    if (width % 2 == 0 || height % 2 == 0) {
        throw InputError("kernel is " + size +
                         ": width and height must be odd so the window has a centre");
    }
    if (m_weights.size() != static_cast<std::size_t>(width) * static_cast<std::size_t>(height)) {
        throw InputError("kernel is " + size + " but has " + std::to_string(m_weights.size()) +
                         " weights");
    }
    for (std::size_t i = 0; i < m_weights.size(); ++i) {
        const float w = m_weights[i];
        const int x = static_cast<int>(i % static_cast<std::size_t>(width));
        const int y = static_cast<int>(i / static_cast<std::size_t>(width));
        if (!std::isfinite(w)) {
            throw InputError("kernel weight at row " + std::to_string(y + 1) + ", column " +
                             std::to_string(x + 1) + " is not a finite number");
        }
        if (std::fabs(w) > kMaxAbsWeight) {
            throw InputError("kernel weight at row " + std::to_string(y + 1) + ", column " +
                             std::to_string(x + 1) + " exceeds 1e6 in magnitude");
        }
    }
}

float Kernel::sum() const {
    double total = 0.0;
    for (float w : m_weights) {
        total += static_cast<double>(w);
    }
    return static_cast<float>(total);
}

bool Kernel::isIntegerValued() const {
    return std::all_of(m_weights.begin(), m_weights.end(),
                       [](float w) { return std::nearbyint(w) == w; });
}

Kernel Kernel::flipped() const {
    std::vector<float> reversed(m_weights.rbegin(), m_weights.rend());
    return Kernel(m_width, m_height, std::move(reversed));
}

std::optional<SeparableFactors> Kernel::separable() const {
    // Pivot on the largest weight: row = kernel row through it, column = kernel column through it
    // divided by the pivot. The kernel is rank 1 when every weight equals column[y] * row[x].
    std::size_t pivot = 0;
    for (std::size_t i = 1; i < m_weights.size(); ++i) {
        if (std::fabs(m_weights[i]) > std::fabs(m_weights[pivot])) {
            pivot = i;
        }
    }
    const float maxAbs = std::fabs(m_weights[pivot]);
    if (maxAbs == 0.0f) {
        return std::nullopt;  // all zero: nothing worth separating
    }
    const int px = static_cast<int>(pivot % static_cast<std::size_t>(m_width));
    const int py = static_cast<int>(pivot / static_cast<std::size_t>(m_width));
    SeparableFactors factors;
    factors.row.resize(static_cast<std::size_t>(m_width));
    factors.column.resize(static_cast<std::size_t>(m_height));
    for (int x = 0; x < m_width; ++x) {
        factors.row[static_cast<std::size_t>(x)] = at(x, py);
    }
    for (int y = 0; y < m_height; ++y) {
        factors.column[static_cast<std::size_t>(y)] = at(px, y) / at(px, py);
    }
    const float tolerance = 1e-5f * maxAbs;
    for (int y = 0; y < m_height; ++y) {
        for (int x = 0; x < m_width; ++x) {
            const float product = factors.column[static_cast<std::size_t>(y)] *
                                  factors.row[static_cast<std::size_t>(x)];
            if (std::fabs(product - at(x, y)) > tolerance) {
                return std::nullopt;
            }
        }
    }
    return factors;
}

}  // namespace convis
