// ConvRequest: everything a backend needs to compute one filtered image, identical for all.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "core/border.hpp"
#include "core/kernel.hpp"

namespace convis {

// "Convolution" in convis is the textbook operation: the kernel is rotated by 180 degrees before
// it slides. "Correlation" slides it as written. The two agree for symmetric kernels (blur) and
// differ in sign or direction for asymmetric ones (Sobel, emboss, motion blur).
enum class KernelMode : std::uint8_t { Convolution, Correlation };

constexpr std::string_view kernelModeName(KernelMode mode) {
    return mode == KernelMode::Convolution ? "convolution" : "correlation";
}

struct ConvRequest {
    Kernel kernel;
    KernelMode mode = KernelMode::Convolution;
    BorderMode border = BorderMode::Clamp;
    float divisor = 1.0f;  // the sum is divided by this (IEEE division)
    float offset = 0.0f;   // added after the division and the absolute value
    bool absolute = false;
    // Which of R, G, B, A are filtered; the others are copied from the input unchanged.
    std::array<bool, 4> channels{true, true, true, false};

    // The taps as every backend applies them, as a correlation: output(x, y) =
    //   sum over ky, kx (row-major) of taps(kx, ky) * input(x + kx - rx, y + ky - ry).
    Kernel correlationTaps() const {
        return mode == KernelMode::Convolution ? kernel.flipped() : kernel;
    }

    // Throws InputError when the divisor is zero or not finite, or the offset not finite.
    void validate() const;

    // Sets the divisor to the sum of the weights; throws InputError when they sum to zero
    // (edge detectors), where normalising has no meaning.
    void normalise();

    bool operator==(const ConvRequest& other) const = default;
};

}  // namespace convis
