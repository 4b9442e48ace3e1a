// Border modes: which input pixel a tap outside the image reads.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/host_device.hpp"

namespace convis {

enum class BorderMode : std::uint8_t {
    Zero,    // outside reads 0
    Clamp,   // replicate the edge pixel: aaa|abcd|ddd
    Mirror,  // reflect-101, edge not repeated: cb|abcd|cb
    Wrap,    // periodic: cd|abcd|ab
};

inline constexpr BorderMode kAllBorderModes[] = {BorderMode::Zero, BorderMode::Clamp,
                                                 BorderMode::Mirror, BorderMode::Wrap};

// The source index for coordinate i on an axis of n pixels (n >= 1), or -1 when the tap reads
// zero. Works for any distance outside, so a 31-wide kernel on a 1-pixel image is well defined.
CONVIS_HD inline int remapIndex(int i, int n, BorderMode mode) {
    if (i >= 0 && i < n) {
        return i;
    }
    switch (mode) {
        case BorderMode::Zero:
            return -1;
        case BorderMode::Clamp:
            return i < 0 ? 0 : n - 1;
        case BorderMode::Mirror: {
            if (n == 1) {
                return 0;
            }
            const int period = 2 * (n - 1);
            int m = i % period;
            if (m < 0) {
                m += period;
            }
            return m < n ? m : period - m;
        }
        case BorderMode::Wrap: {
            int m = i % n;
            return m < 0 ? m + n : m;
        }
    }
    return -1;
}

constexpr std::string_view borderName(BorderMode mode) {
    switch (mode) {
        case BorderMode::Zero:
            return "zero";
        case BorderMode::Clamp:
            return "clamp";
        case BorderMode::Mirror:
            return "mirror";
        case BorderMode::Wrap:
            return "wrap";
    }
    return "?";
}

inline std::optional<BorderMode> parseBorderMode(std::string_view name) {
    for (BorderMode mode : kAllBorderModes) {
        if (borderName(mode) == name) {
            return mode;
        }
    }
    if (name == "replicate") {
        return BorderMode::Clamp;
    }
    if (name == "reflect" || name == "reflect101") {
        return BorderMode::Mirror;
    }
    return std::nullopt;
}

}  // namespace convis
