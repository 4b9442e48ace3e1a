// Hand-computed cases for the sequential reference backend.
#include <doctest/doctest.h>

#include <atomic>
#include <vector>

#include "backends/cpu_sequential.hpp"
#include "core/error.hpp"
#include "core/kernel_presets.hpp"
#include "core/patterns.hpp"

using namespace convis;

namespace {

// A grey image (R = G = B = value, A = 255) from row-major values.
Image grey(int w, int h, const std::vector<int>& values) {
    Image img(w, h);
    for (std::size_t i = 0; i < values.size(); ++i) {
        std::uint8_t* p = img.data() + 4 * i;
        p[0] = p[1] = p[2] = static_cast<std::uint8_t>(values[i]);
        p[3] = 255;
    }
    return img;
}

// The red channel, row-major.
std::vector<int> red(const Image& img) {
    std::vector<int> values;
    for (int y = 0; y < img.height(); ++y) {
        for (int x = 0; x < img.width(); ++x) {
            values.push_back(img.pixel(x, y)[0]);
        }
    }
    return values;
}

Image run(const Image& in, const ConvRequest& r) {
    Image out;
    CpuSequentialBackend().run(in, r, out, {});
    return out;
}

// Values 0..28 in no pattern, so no border rule can hit the right sum by symmetry; a 3x3 sum
// stays below 256, so the box is tested without a divisor and nothing rounds.
const std::vector<int> kFiveByFive = {
    3,  17, 8,  25, 1,   //
    12, 0,  28, 6,  19,  //
    22, 9,  14, 4,  27,  //
    5,  26, 11, 20, 7,   //
    16, 2,  23, 10, 13,  //
};

}  // namespace

TEST_CASE("sequential: identity returns the input") {
    Image in = grey(3, 2, {1, 2, 3, 4, 5, 6});
    CHECK(run(in, makePreset("identity")) == in);
    const Image noise = makePattern("noise", 19, 7);
    CHECK(run(noise, makePreset("identity")) == noise);
    ConvRequest one;  // the 1x1 kernel
    CHECK(run(noise, one) == noise);
}

TEST_CASE(
    "sequential: the impulse response is the flipped kernel for correlation and the kernel "
    "itself for convolution") {
    // An asymmetric 3-wide, 5-tall kernel, so both flips show.
    const std::vector<float> weights = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    Image in(7, 9);
    in.pixel(3, 4)[0] = 1;
    ConvRequest r;
    r.kernel = Kernel(3, 5, weights);
    r.border = BorderMode::Zero;
    r.channels = {true, false, false, false};

    r.mode = KernelMode::Correlation;
    const Image corr = run(in, r);
    r.mode = KernelMode::Convolution;
    const Image conv = run(in, r);
    for (int y = 0; y < 9; ++y) {
        for (int x = 0; x < 7; ++x) {
            CAPTURE(x);
            CAPTURE(y);
            const int dx = x - 3;  // output offset from the impulse
            const int dy = y - 4;
            const bool inside = dx >= -1 && dx <= 1 && dy >= -2 && dy <= 2;
            // Correlation: out(x, y) picks the impulse with tap (1 - dx, 2 - dy): kernel rotated.
            const float c = inside ? r.kernel.at(1 - dx, 2 - dy) : 0.0f;
            // Convolution: the response is the kernel as written, centred on the impulse.
            const float v = inside ? r.kernel.at(1 + dx, 2 + dy) : 0.0f;
            CHECK(corr.pixel(x, y)[0] == static_cast<int>(c));
            CHECK(conv.pixel(x, y)[0] == static_cast<int>(v));
        }
    }
    CHECK(conv.pixel(2, 2)[0] == 1);   // top-left of the kernel, as written
    CHECK(corr.pixel(2, 2)[0] == 15);  // bottom-right: rotated
}

TEST_CASE("sequential: 3x3 box sum on 5x5 in every border mode, whole image") {
    const Image in = grey(5, 5, kFiveByFive);
    ConvRequest r;
    r.kernel = Kernel(3, 3, std::vector<float>(9, 1.0f));
    // Each expected array was summed by hand from kFiveByFive and the border rule; e.g. the
    // top-left corner: zero 3+17+12+0 = 32; clamp 2*(3+3+17) + (12+12+0) = 70;
    // mirror 2*(0+12+0) + (17+3+17) = 61; wrap (13+16+2) + (1+3+17) + (19+12+0) = 83.
    const std::pair<BorderMode, std::vector<int>> cases[] = {
        {BorderMode::Zero, {32, 68,  84,  87,  51,  //
                            63, 113, 111, 132, 82,  //
                            74, 127, 118, 136, 83,  //
                            80, 128, 119, 129, 81,  //
                            49, 83,  92,  84,  50}},
        {BorderMode::Clamp, {70,  96,  134, 121, 98,   //
                             100, 113, 111, 132, 129,  //
                             113, 127, 118, 136, 136,  //
                             123, 128, 119, 129, 128,  //
                             104, 124, 127, 130, 106}},
        {BorderMode::Mirror, {61,  108, 118, 140, 113,  //
                              89,  113, 111, 132, 117,  //
                              109, 127, 118, 136, 113,  //
                              117, 128, 119, 129, 115,  //
                              134, 125, 149, 122, 127}},
        {BorderMode::Wrap, {83,  109, 119, 133, 105,  //
                            110, 113, 111, 132, 119,  //
                            127, 127, 118, 136, 122,  //
                            127, 128, 119, 129, 124,  //
                            90,  111, 142, 118, 100}},
    };
    for (const auto& [mode, expected] : cases) {
        CAPTURE(borderName(mode));
        r.border = mode;
        const Image out = run(in, r);
        CHECK(red(out) == expected);
        // Green and blue equal red; alpha is not selected and is copied.
        for (int i = 0; i < 25; ++i) {
            CHECK(out.data()[4 * i + 1] == expected[static_cast<std::size_t>(i)]);
            CHECK(out.data()[4 * i + 2] == expected[static_cast<std::size_t>(i)]);
            CHECK(out.data()[4 * i + 3] == 255);
        }
    }
}

TEST_CASE("sequential: divisor, offset and abs, with halves rounded away from zero") {
    const Image in = grey(3, 1, {2, 3, 2});
    ConvRequest r;
    r.kernel = Kernel(3, 1, {1, 0, 1});
    r.divisor = 2.0f;
    r.border = BorderMode::Zero;
    // out = (left + right) / 2: (0 + 3) / 2 = 1.5 -> 2; (2 + 2) / 2 = 2; (3 + 0) / 2 = 1.5 -> 2.
    CHECK(red(run(in, r)) == std::vector<int>{2, 2, 2});
    r.kernel = Kernel(3, 1, {-1, 0, 1});  // correlation taps after the flip: {1, 0, -1}
    r.divisor = 2.0f;
    // convolution: out(x) = in(x - 1) - in(x + 1), / 2: (0 - 3)/2 = -1.5 -> -2 -> 0 ...
    CHECK(red(run(in, r)) == std::vector<int>{0, 0, 2});
    r.offset = 128.0f;  // ... -1.5 + 128 = 126.5 -> 127; 0 + 128; 1.5 + 128 = 129.5 -> 130
    CHECK(red(run(in, r)) == std::vector<int>{127, 128, 130});
    r.absolute = true;  // |-1.5| + 128 = 129.5 -> 130
    CHECK(red(run(in, r)) == std::vector<int>{130, 128, 130});
}

TEST_CASE("sequential: saturation at 0 and 255") {
    const Image in = grey(3, 1, {200, 200, 200});
    ConvRequest r;
    r.kernel = Kernel(3, 1, {1, 1, 1});
    r.border = BorderMode::Clamp;
    CHECK(red(run(in, r)) == std::vector<int>{255, 255, 255});
    r.kernel = Kernel(3, 1, {-1, -1, -1});
    CHECK(red(run(in, r)) == std::vector<int>{0, 0, 0});
}

TEST_CASE("sequential: only the selected channels are filtered, the others copied") {
    Image in(3, 1);
    const std::uint8_t values[3][4] = {{10, 20, 30, 40}, {50, 60, 70, 80}, {90, 100, 110, 120}};
    for (int x = 0; x < 3; ++x) {
        std::copy(values[x], values[x] + 4, in.pixel(x, 0));
    }
    ConvRequest r;
    r.kernel = Kernel(3, 1, {0, 0, 2});  // convolution: out(x) = 2 * in(x - 1)
    r.border = BorderMode::Zero;
    r.channels = {false, true, false, true};
    const Image out = run(in, r);
    const std::uint8_t expected[3][4] = {{10, 0, 30, 0}, {50, 40, 70, 80}, {90, 120, 110, 160}};
    for (int x = 0; x < 3; ++x) {
        for (int c = 0; c < 4; ++c) {
            CAPTURE(x);
            CAPTURE(c);
            CHECK(out.pixel(x, 0)[c] == expected[x][c]);
        }
    }
}

TEST_CASE("sequential: a 31x31 kernel on a 1x1 image in every border mode") {
    const Image in = grey(1, 1, {3});
    ConvRequest r;
    r.kernel = Kernel(31, 31, std::vector<float>(961, 1.0f));
    r.divisor = 961.0f;
    for (BorderMode mode : kAllBorderModes) {
        CAPTURE(borderName(mode));
        r.border = mode;
        // Every tap reads the one pixel, except with zero borders, where only the centre does:
        // 3 / 961 rounds to 0.
        CHECK(red(run(in, r)) == std::vector<int>{mode == BorderMode::Zero ? 0 : 3});
    }
}

TEST_CASE("sequential: empty input gives empty output, progress ends at 1, cancel throws") {
    Image out;
    CpuSequentialBackend backend;
    backend.run(Image(), makePreset("box3"), out, {});
    CHECK(out.empty());

    const Image in = makePattern("noise", 16, 130);
    RunOptions options;
    double last = 0.0;
    int calls = 0;
    options.progress = [&](double fraction) {
        CHECK(fraction >= last);
        last = fraction;
        ++calls;
    };
    backend.run(in, makePreset("box3"), out, options);
    CHECK(last == 1.0);
    CHECK(calls >= 2);

    std::atomic<bool> cancel{true};
    RunOptions cancelled;
    cancelled.cancel = &cancel;
    CHECK_THROWS_AS(backend.run(in, makePreset("box3"), out, cancelled), Cancelled);

    ConvRequest bad = makePreset("box3");
    bad.divisor = 0.0f;
    CHECK_THROWS_AS(backend.run(in, bad, out, {}), InputError);
}
