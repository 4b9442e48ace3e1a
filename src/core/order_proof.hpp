// Order independence: compute outputs in any permutation and compare results bit for bit, and
// the difference between two backends' images (max absolute error, PSNR).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

#include "core/conv_request.hpp"
#include "core/execution_schedule.hpp"
#include "core/image.hpp"

namespace convis {

// A uniformly random permutation of 0..n-1 (Fisher-Yates over a seeded mt19937_64), so a
// "shuffled" run is reproducible from its seed.
std::vector<std::size_t> randomPermutation(std::size_t n, std::uint64_t seed);

// One output per step, like the sequential backend, but in randomPermutation(seed) order: the
// animation of the proof that the order does not matter.
Schedule shuffledSchedule(const Region& region, std::uint64_t seed);

// The region's outputs (a region.width x region.height image) computed one pixel at a time with
// core's per-pixel maths, visiting them in `order` (indices into the region in raster order;
// must be a permutation). Each pixel reads only the input, never another output, so every
// order must give the same bytes. Throws InputError for a bad region or order.
Image convolveRegionInOrder(const Image& input, const ConvRequest& request, const Region& region,
                            const std::vector<std::size_t>& order);

// The same over the whole image (order: raster indices of every pixel, a permutation), for the
// proof at full size on a job thread: checks `cancel` and reports `progress` (0..1) every few
// thousand outputs. Throws Cancelled when cancelled, InputError for a bad order.
Image convolveImageInOrder(const Image& input, const ConvRequest& request,
                           const std::vector<std::size_t>& order,
                           const std::atomic<bool>* cancel = nullptr,
                           const std::function<void(double)>& progress = {});

// The region cut out of an image (for comparing a region with a backend's full output).
Image cropImage(const Image& image, const Region& region);

// Per-byte differences between two images of the same size, over the given channels.
struct ImageDifference {
    int maxAbs = 0;                   // largest |a - b| over the compared channel values
    std::size_t differingPixels = 0;  // pixels where any compared channel differs
    double meanSquared = 0.0;         // over compared channel values
    // 10 log10(255^2 / MSE) in dB; +infinity when the images are identical.
    double psnr = std::numeric_limits<double>::infinity();
    Image map;  // |a - b| per channel, scaled by `gain` and saturated; alpha 255
};

// Throws InputError when the sizes differ or no channel is selected.
ImageDifference compareImages(const Image& a, const Image& b,
                              const std::array<bool, 4>& channels = {true, true, true, true},
                              int gain = 32);

}  // namespace convis
