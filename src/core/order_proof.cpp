// Shuffled-order convolution and image comparison.
#include "core/order_proof.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numeric>
#include <random>

#include "core/convolve_pixel.hpp"
#include "core/error.hpp"

namespace convis {

std::vector<std::size_t> randomPermutation(std::size_t n, std::uint64_t seed) {
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::mt19937_64 engine(seed);
    // Fisher-Yates by hand: std::shuffle's algorithm is unspecified, so seeds would not be
    // portable between standard libraries.
    for (std::size_t i = n; i > 1; --i) {
        const std::size_t j = static_cast<std::size_t>(engine() % i);
        std::swap(order[i - 1], order[j]);
    }
    return order;
}

Schedule shuffledSchedule(const Region& region, std::uint64_t seed) {
    if (region.width <= 0 || region.height <= 0 || region.x < 0 || region.y < 0) {
        throw InputError("schedule region must have a positive size and a non-negative origin");
    }
    const std::size_t n =
        static_cast<std::size_t>(region.width) * static_cast<std::size_t>(region.height);
    const std::vector<std::size_t> order = randomPermutation(n, seed);
    Schedule s{"CPU, shuffled order", ClockUnit::Steps, static_cast<double>(n), 1, "thread", {}};
    s.events.reserve(n);
    for (std::size_t step = 0; step < n; ++step) {
        const std::size_t i = order[step];
        const int x = region.x + static_cast<int>(i % static_cast<std::size_t>(region.width));
        const int y = region.y + static_cast<int>(i / static_cast<std::size_t>(region.width));
        const double t = static_cast<double>(step);
        s.events.push_back({x, y, t, t + 1.0, 0, -1, -1, -1});
    }
    return s;  // already sorted by start
}

namespace {

constexpr std::size_t kProgressEvery = 16384;  // outputs between cancel checks and reports

Image convolveInOrder(const Image& input, const ConvRequest& request, const Region& region,
                      const std::vector<std::size_t>& order, const std::atomic<bool>* cancel,
                      const std::function<void(double)>& progress) {
    if (region.width <= 0 || region.height <= 0 || region.x < 0 || region.y < 0 ||
        region.x + region.width > input.width() || region.y + region.height > input.height()) {
        throw InputError("region must lie inside the image");
    }
    const std::size_t count =
        static_cast<std::size_t>(region.width) * static_cast<std::size_t>(region.height);
    if (order.size() != count) {
        throw InputError("order must list every output of the region once");
    }
    std::vector<char> seen(count, 0);
    for (std::size_t i : order) {
        if (i >= count || seen[i] != 0) {
            throw InputError("order must be a permutation of the region's outputs");
        }
        seen[i] = 1;
    }
    const PreparedRequest prepared(request);
    Image out(region.width, region.height);
    for (std::size_t step = 0; step < count; ++step) {
        if (step % kProgressEvery == 0) {
            if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) {
                throw Cancelled();
            }
            if (progress) {
                progress(static_cast<double>(step) / static_cast<double>(count));
            }
        }
        const std::size_t i = order[step];
        const int rx = static_cast<int>(i % static_cast<std::size_t>(region.width));
        const int ry = static_cast<int>(i / static_cast<std::size_t>(region.width));
        convolvePixel(input, prepared, region.x + rx, region.y + ry, out.pixel(rx, ry));
    }
    if (progress) {
        progress(1.0);
    }
    return out;
}

}  // namespace

Image convolveRegionInOrder(const Image& input, const ConvRequest& request, const Region& region,
                            const std::vector<std::size_t>& order) {
    return convolveInOrder(input, request, region, order, nullptr, {});
}

Image convolveImageInOrder(const Image& input, const ConvRequest& request,
                           const std::vector<std::size_t>& order, const std::atomic<bool>* cancel,
                           const std::function<void(double)>& progress) {
    return convolveInOrder(input, request, Region{0, 0, input.width(), input.height()}, order,
                           cancel, progress);
}

Image cropImage(const Image& image, const Region& region) {
    if (region.width <= 0 || region.height <= 0 || region.x < 0 || region.y < 0 ||
        region.x + region.width > image.width() || region.y + region.height > image.height()) {
        throw InputError("region must lie inside the image");
    }
    Image out(region.width, region.height);
    for (int y = 0; y < region.height; ++y) {
        std::copy_n(image.pixel(region.x, region.y + y), out.rowBytes(), out.pixel(0, y));
    }
    return out;
}

ImageDifference compareImages(const Image& a, const Image& b, const std::array<bool, 4>& channels,
                              int gain) {
    if (a.width() != b.width() || a.height() != b.height()) {
        throw InputError("images differ in size: " + std::to_string(a.width()) + "x" +
                         std::to_string(a.height()) + " and " + std::to_string(b.width()) + "x" +
                         std::to_string(b.height()));
    }
    const int compared = static_cast<int>(std::count(channels.begin(), channels.end(), true));
    if (compared == 0) {
        throw InputError("no channel to compare");
    }
    ImageDifference d;
    d.map = Image(a.width(), a.height());
    double squares = 0.0;
    for (std::size_t p = 0; p < a.pixelCount(); ++p) {
        const std::uint8_t* pa = a.data() + p * kChannels;
        const std::uint8_t* pb = b.data() + p * kChannels;
        std::uint8_t* pm = d.map.data() + p * kChannels;
        bool differs = false;
        for (int c = 0; c < kChannels; ++c) {
            const int diff = std::abs(int{pa[c]} - int{pb[c]});
            const bool use = channels[static_cast<std::size_t>(c)];
            pm[c] = static_cast<std::uint8_t>(use ? std::min(diff * gain, 255) : 0);
            if (use) {
                d.maxAbs = std::max(d.maxAbs, diff);
                squares += static_cast<double>(diff) * diff;
                differs = differs || diff != 0;
            }
        }
        pm[3] = 255;
        d.differingPixels += differs ? 1u : 0u;
    }
    const double values = static_cast<double>(a.pixelCount()) * compared;
    d.meanSquared = values > 0 ? squares / values : 0.0;
    if (d.meanSquared > 0.0) {
        d.psnr = 10.0 * std::log10(255.0 * 255.0 / d.meanSquared);
    }
    return d;
}

}  // namespace convis
