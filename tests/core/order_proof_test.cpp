// Order independence: any permutation gives the same bytes; image differences and PSNR.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "backends/cpu_sequential.hpp"
#include "core/error.hpp"
#include "core/kernel_presets.hpp"
#include "core/order_proof.hpp"
#include "core/patterns.hpp"

using namespace convis;

TEST_CASE("order: random permutations are permutations, reproducible from the seed") {
    const std::vector<std::size_t> a = randomPermutation(1000, 42);
    const std::vector<std::size_t> b = randomPermutation(1000, 42);
    const std::vector<std::size_t> c = randomPermutation(1000, 43);
    CHECK(a == b);
    CHECK(a != c);
    std::vector<std::size_t> sorted = a;
    std::sort(sorted.begin(), sorted.end());
    std::vector<std::size_t> identity(1000);
    std::iota(identity.begin(), identity.end(), std::size_t{0});
    CHECK(sorted == identity);
    CHECK(a != identity);  // 1/1000! chance of a false failure
    CHECK(randomPermutation(0, 1).empty());
}

TEST_CASE("order: shuffled order is bit-identical to raster order and to the backend") {
    const Image input = makePattern("noise", 40, 30);
    for (const char* preset : {"gaussian5", "sobel-y", "unsharp", "emboss"}) {
        const ConvRequest request = makePreset(preset);
        const Region region{5, 3, 31, 22};
        const std::size_t n = static_cast<std::size_t>(region.width * region.height);
        std::vector<std::size_t> raster(n);
        std::iota(raster.begin(), raster.end(), std::size_t{0});
        const Image inRaster = convolveRegionInOrder(input, request, region, raster);
        const Image shuffled =
            convolveRegionInOrder(input, request, region, randomPermutation(n, 7));
        std::vector<std::size_t> reversed(raster.rbegin(), raster.rend());
        CAPTURE(preset);
        CHECK(shuffled == inRaster);
        CHECK(convolveRegionInOrder(input, request, region, reversed) == inRaster);
        Image full;
        CpuSequentialBackend backend;
        backend.run(input, request, full, {});
        CHECK(cropImage(full, region) == inRaster);
    }
}

TEST_CASE("order: bad orders and regions are refused") {
    const Image input = makePattern("noise", 8, 8);
    const ConvRequest request = makePreset("box3");
    CHECK_THROWS_AS(convolveRegionInOrder(input, request, {0, 0, 2, 2}, {0, 1, 2}), InputError);
    CHECK_THROWS_AS(convolveRegionInOrder(input, request, {0, 0, 2, 2}, {0, 1, 1, 3}), InputError);
    CHECK_THROWS_AS(convolveRegionInOrder(input, request, {0, 0, 2, 2}, {0, 1, 2, 4}), InputError);
    CHECK_THROWS_AS(convolveRegionInOrder(input, request, {7, 0, 2, 2}, {0, 1, 2, 3}), InputError);
    CHECK_THROWS_AS(cropImage(input, {0, 0, 9, 1}), InputError);
}

TEST_CASE("difference: max error, differing pixels and PSNR") {
    Image a = makePattern("noise", 10, 10);
    Image b = a;
    ImageDifference d = compareImages(a, b);
    CHECK(d.maxAbs == 0);
    CHECK(d.differingPixels == 0);
    CHECK(std::isinf(d.psnr));
    b.pixel(3, 4)[1] = static_cast<std::uint8_t>(a.pixel(3, 4)[1] ^ 1u);  // one LSB
    b.pixel(9, 9)[0] = static_cast<std::uint8_t>(a.pixel(9, 9)[0] > 127 ? 0 : 255);
    const int big = std::abs(int{a.pixel(9, 9)[0]} - int{b.pixel(9, 9)[0]});
    d = compareImages(a, b, {true, true, true, false}, 1);
    CHECK(d.maxAbs == big);
    CHECK(d.differingPixels == 2);
    const double mse = (1.0 + static_cast<double>(big) * big) / 300.0;
    CHECK(d.meanSquared == doctest::Approx(mse));
    CHECK(d.psnr == doctest::Approx(10.0 * std::log10(65025.0 / mse)));
    CHECK(d.map.pixel(3, 4)[1] == 1);
    CHECK(d.map.pixel(0, 0)[0] == 0);
    // A channel left out is not compared.
    d = compareImages(a, b, {false, false, true, false});
    CHECK(d.maxAbs == 0);
    CHECK_THROWS_AS(compareImages(a, Image(10, 9)), InputError);
    CHECK_THROWS_AS(compareImages(a, b, {false, false, false, false}), InputError);
}

TEST_CASE("order: the shuffled schedule visits every output once, in the permutation's order") {
    const Region region{4, 2, 9, 5};
    const Schedule s = shuffledSchedule(region, 11);
    const std::vector<std::size_t> order = randomPermutation(45, 11);
    REQUIRE(s.events.size() == 45);
    CHECK(s.duration == 45.0);
    for (std::size_t i = 0; i < order.size(); ++i) {
        CHECK(s.events[i].x == region.x + static_cast<int>(order[i] % 9));
        CHECK(s.events[i].y == region.y + static_cast<int>(order[i] / 9));
        CHECK(s.events[i].start == static_cast<double>(i));
    }
}

TEST_CASE("order: the whole image in shuffled order equals the sequential backend, with progress") {
    const Image input = makePattern("noise", 300, 200);  // 60000 outputs: several progress steps
    const ConvRequest request = makePreset("gaussian5");
    std::vector<double> reported;
    const Image shuffled =
        convolveImageInOrder(input, request, randomPermutation(input.pixelCount(), 7), nullptr,
                             [&](double p) { reported.push_back(p); });
    Image reference;
    CpuSequentialBackend().run(input, request, reference, RunOptions{});
    CHECK(shuffled == reference);
    REQUIRE(reported.size() >= 4);
    CHECK(reported.front() == 0.0);
    CHECK(reported.back() == 1.0);
    CHECK(std::is_sorted(reported.begin(), reported.end()));
}

TEST_CASE("order: the whole-image proof stops when cancelled and refuses a short order") {
    const Image input = makePattern("noise", 64, 64);
    const ConvRequest request = makePreset("box3");
    const std::atomic<bool> cancel{true};
    CHECK_THROWS_AS(
        convolveImageInOrder(input, request, randomPermutation(input.pixelCount(), 1), &cancel),
        Cancelled);
    CHECK_THROWS_AS(convolveImageInOrder(input, request, randomPermutation(10, 1)), InputError);
}
