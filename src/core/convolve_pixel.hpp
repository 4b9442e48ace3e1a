// The per-pixel maths of the CPU paths: one output pixel from its window, in the stated order.
#pragma once

#include <cstdint>

#include "core/border.hpp"
#include "core/conv_request.hpp"
#include "core/image.hpp"
#include "core/rounding.hpp"

namespace convis {

// Precomputed view of a request for the inner loops: correlation taps, post-op and channel mask.
struct PreparedRequest {
    Kernel taps;  // correlation order
    BorderMode border = BorderMode::Clamp;
    float divisor = 1.0f;
    float offset = 0.0f;
    bool absolute = false;
    std::array<bool, 4> channels{};

    explicit PreparedRequest(const ConvRequest& request)
        : taps(request.correlationTaps()),
          border(request.border),
          divisor(request.divisor),
          offset(request.offset),
          absolute(request.absolute),
          channels(request.channels) {
        request.validate();
    }
};

// The float32 sum for channel c of output (x, y): taps visited row by row, left to right,
// each product added in that order. Taps outside the image read what the border mode says.
inline float windowSum(const Image& input, const PreparedRequest& prepared, int x, int y, int c) {
    const Kernel& taps = prepared.taps;
    const int rx = taps.radiusX();
    const int ry = taps.radiusY();
    float sum = 0.0f;
    for (int ky = 0; ky < taps.height(); ++ky) {
        const int sy = remapIndex(y + ky - ry, input.height(), prepared.border);
        for (int kx = 0; kx < taps.width(); ++kx) {
            const int sx = remapIndex(x + kx - rx, input.width(), prepared.border);
            const float value =
                (sx < 0 || sy < 0) ? 0.0f : static_cast<float>(input.pixel(sx, sy)[c]);
            sum += taps.at(kx, ky) * value;
        }
    }
    return sum;
}

// One whole output pixel: filtered channels go through the post-op, the others are copied.
inline void convolvePixel(const Image& input, const PreparedRequest& prepared, int x, int y,
                          std::uint8_t* out) {
    const std::uint8_t* source = input.pixel(x, y);
    for (int c = 0; c < kChannels; ++c) {
        if (prepared.channels[static_cast<std::size_t>(c)]) {
            out[c] = finishValue(windowSum(input, prepared, x, y, c), prepared.divisor,
                                 prepared.offset, prepared.absolute);
        } else {
            out[c] = source[c];
        }
    }
}

}  // namespace convis
