// Receptive-field maths for the inspector: window terms, influence sets, who computes what.
#include "core/receptive_field.hpp"

#include <algorithm>
#include <string>

#include "core/border.hpp"
#include "core/error.hpp"
#include "core/rounding.hpp"
#include "core/row_bands.hpp"

namespace convis {

namespace {

// The outputs along one axis of n whose taps (radius r, size k) read index i.
std::vector<int> influencedAxis(int i, int n, int k, BorderMode border) {
    const int r = k / 2;
    std::vector<int> out;
    if (border == BorderMode::Zero || border == BorderMode::Clamp) {
        // The window of output o covers o - r .. o + r; only those near i can read it (clamp
        // sends outside taps to the edge, which is inside that same reach of the edge output).
        for (int o = std::max(0, i - r - k); o <= std::min(n - 1, i + r + k); ++o) {
            for (int t = 0; t < k; ++t) {
                if (remapIndex(o + t - r, n, border) == i) {
                    out.push_back(o);
                    break;
                }
            }
        }
        return out;
    }
    // Mirror and wrap can fold taps from anywhere when the kernel is larger than the image.
    for (int o = 0; o < n; ++o) {
        for (int t = 0; t < k; ++t) {
            if (remapIndex(o + t - r, n, border) == i) {
                out.push_back(o);
                break;
            }
        }
    }
    return out;
}

}  // namespace

WindowBreakdown windowBreakdown(const Image& input, const ConvRequest& request, int x, int y,
                                int channel) {
    if (x < 0 || y < 0 || x >= input.width() || y >= input.height()) {
        throw InputError("pixel (" + std::to_string(x) + ", " + std::to_string(y) +
                         ") is outside the image");
    }
    if (channel < 0 || channel >= kChannels) {
        throw InputError("channel must be 0..3");
    }
    request.validate();
    const Kernel taps = request.correlationTaps();
    const int rx = taps.radiusX();
    const int ry = taps.radiusY();
    WindowBreakdown b;
    b.x = x;
    b.y = y;
    b.channel = channel;
    b.terms.reserve(static_cast<std::size_t>(taps.width() * taps.height()));
    // The same loop, order and float32 arithmetic as windowSum() in convolve_pixel.hpp.
    for (int ky = 0; ky < taps.height(); ++ky) {
        const int tapY = y + ky - ry;
        const int sy = remapIndex(tapY, input.height(), request.border);
        for (int kx = 0; kx < taps.width(); ++kx) {
            const int tapX = x + kx - rx;
            const int sx = remapIndex(tapX, input.width(), request.border);
            WindowTerm t;
            t.kx = kx;
            t.ky = ky;
            t.tapX = tapX;
            t.tapY = tapY;
            const bool zero = sx < 0 || sy < 0;
            t.sourceX = zero ? -1 : sx;
            t.sourceY = zero ? -1 : sy;
            t.outside = tapX < 0 || tapY < 0 || tapX >= input.width() || tapY >= input.height();
            t.weight = taps.at(kx, ky);
            t.value = zero ? 0.0f : static_cast<float>(input.pixel(sx, sy)[channel]);
            t.product = t.weight * t.value;
            b.sum += t.product;
            b.terms.push_back(t);
        }
    }
    b.filtered = request.channels[static_cast<std::size_t>(channel)];
    b.result = b.filtered ? finishValue(b.sum, request.divisor, request.offset, request.absolute)
                          : input.pixel(x, y)[channel];
    return b;
}

Influence influencedOutputs(int inputX, int inputY, int width, int height, int kernelWidth,
                            int kernelHeight, BorderMode border) {
    if (width <= 0 || height <= 0 || inputX < 0 || inputY < 0 || inputX >= width ||
        inputY >= height) {
        throw InputError("input pixel outside the image");
    }
    if (kernelWidth <= 0 || kernelHeight <= 0 || kernelWidth % 2 == 0 || kernelHeight % 2 == 0) {
        throw InputError("kernel sides must be odd and positive");
    }
    return {influencedAxis(inputX, width, kernelWidth, border),
            influencedAxis(inputY, height, kernelHeight, border)};
}

Computers whoComputes(int x, int y, int width, int height, int threads, const LaunchShape& launch) {
    if (width <= 0 || height <= 0 || x < 0 || y < 0 || x >= width || y >= height) {
        throw InputError("output pixel outside the image");
    }
    if (threads < 1) {
        throw InputError("thread count must be at least 1");
    }
    if (launch.blockWidth <= 0 || launch.blockHeight <= 0 ||
        launch.blockWidth * launch.blockHeight > 1024) {
        throw InputError("block must have 1 to 1024 threads");
    }
    Computers c;
    c.rasterIndex = static_cast<long long>(y) * width + x;
    const std::vector<RowBand> bands = rowBands(height, threads);
    c.threadCount = static_cast<int>(bands.size());
    c.thread = threadForRow(bands, y);
    const RowBand& band = bands[static_cast<std::size_t>(c.thread)];
    c.bandFirstRow = band.firstRow;
    c.bandRowCount = band.rowCount;
    c.gridWidth = (width + launch.blockWidth - 1) / launch.blockWidth;
    c.gridHeight = (height + launch.blockHeight - 1) / launch.blockHeight;
    c.blockX = x / launch.blockWidth;
    c.blockY = y / launch.blockHeight;
    c.blockIndex = static_cast<long long>(c.blockY) * c.gridWidth + c.blockX;
    c.threadX = x % launch.blockWidth;
    c.threadY = y % launch.blockHeight;
    const int linear = c.threadY * launch.blockWidth + c.threadX;
    c.warp = linear / 32;
    c.lane = linear % 32;
    return c;
}

}  // namespace convis
