// Preset shapes, sums and divisors, parameter checks, and that every preset runs everywhere.
#include <doctest/doctest.h>

#include <cmath>
#include <set>

#include "backends/cpu_sequential.hpp"
#include "core/bundled_images.hpp"
#include "core/error.hpp"
#include "core/kernel_presets.hpp"
#include "core/patterns.hpp"

using namespace convis;

namespace {
struct Expected {
    const char* id;
    int width;
    int height;
    float sum;  // of the weights
    float divisor;
    float offset;
};

// Hand-written from the textbook definitions of each filter.
constexpr Expected kExpected[] = {
    {"identity", 3, 3, 1, 1, 0},      {"box3", 3, 3, 9, 9, 0},
    {"box5", 5, 5, 25, 25, 0},        {"box9", 9, 9, 81, 81, 0},
    {"box", 3, 3, 9, 9, 0},           {"gaussian3", 3, 3, 16, 16, 0},
    {"gaussian5", 5, 5, 256, 256, 0}, {"gaussian", 13, 13, 1, 1, 0},
    {"sharpen", 3, 3, 1, 1, 0},       {"unsharp", 5, 5, -256, -256, 0},
    {"laplacian4", 3, 3, 0, 1, 128},  {"laplacian8", 3, 3, 0, 1, 128},
    {"sobel-x", 3, 3, 0, 1, 128},     {"sobel-y", 3, 3, 0, 1, 128},
    {"prewitt-x", 3, 3, 0, 1, 128},   {"prewitt-y", 3, 3, 0, 1, 128},
    {"scharr-x", 3, 3, 0, 4, 128},    {"scharr-y", 3, 3, 0, 4, 128},
    {"emboss", 3, 3, 1, 1, 0},        {"outline", 3, 3, 0, 1, 0},
    {"motion-blur", 9, 9, 9, 9, 0},   {"log", 11, 11, 0, 1, 128},
};
}  // namespace

TEST_CASE("presets: every listed preset has its expected shape, sum, divisor and offset") {
    std::set<std::string> listed;
    for (const PresetInfo& info : presetList()) {
        listed.insert(info.id);
        CHECK_FALSE(info.label.empty());
        CHECK_FALSE(info.description.empty());
    }
    CHECK(listed.size() == presetList().size());  // ids are unique
    CHECK(listed.size() == std::size(kExpected));
    for (const Expected& e : kExpected) {
        CAPTURE(e.id);
        REQUIRE(listed.count(e.id) == 1);
        const ConvRequest r = makePreset(e.id);
        CHECK(r.kernel.width() == e.width);
        CHECK(r.kernel.height() == e.height);
        CHECK(r.kernel.sum() == doctest::Approx(e.sum).epsilon(1e-5).scale(1.0));
        CHECK(r.divisor == e.divisor);
        CHECK(r.offset == e.offset);
        CHECK(r.mode == KernelMode::Convolution);
        CHECK(r.border == BorderMode::Clamp);
        CHECK_NOTHROW(r.validate());
    }
}

TEST_CASE("presets: textbook weights") {
    CHECK(makePreset("sobel-x").kernel.weights() ==
          std::vector<float>{-1, 0, 1, -2, 0, 2, -1, 0, 1});
    CHECK(makePreset("sobel-y").kernel.weights() ==
          std::vector<float>{-1, -2, -1, 0, 0, 0, 1, 2, 1});
    CHECK(makePreset("laplacian4").kernel.weights() ==
          std::vector<float>{0, 1, 0, 1, -4, 1, 0, 1, 0});
    CHECK(makePreset("sharpen").kernel.weights() ==
          std::vector<float>{0, -1, 0, -1, 5, -1, 0, -1, 0});
    CHECK(makePreset("scharr-x").kernel.weights() ==
          std::vector<float>{-3, 0, 3, -10, 0, 10, -3, 0, 3});
    // Unsharp mask = 2 * identity - binomial 5x5 / 256, written over the divisor -256.
    const ConvRequest unsharp = makePreset("unsharp");
    const ConvRequest blur = makePreset("gaussian5");
    for (int y = 0; y < 5; ++y) {
        for (int x = 0; x < 5; ++x) {
            const float identity = (x == 2 && y == 2) ? 2.0f : 0.0f;
            CHECK(unsharp.kernel.at(x, y) / unsharp.divisor ==
                  doctest::Approx(identity - blur.kernel.at(x, y) / blur.divisor));
        }
    }
}

TEST_CASE("presets: Gaussian size follows sigma, motion blur and box follow size") {
    CHECK(makePreset("gaussian", {0.5f, 0}).kernel.width() == 5);  // 2 * ceil(1.5) + 1
    CHECK(makePreset("gaussian", {1.0f, 0}).kernel.width() == 7);
    CHECK(makePreset("gaussian", {5.0f, 0}).kernel.width() == 31);  // capped at 31
    CHECK(makePreset("log", {1.0f, 0}).kernel.width() == 7);
    CHECK(makePreset("gaussian", {1.0f, 0}).kernel.sum() == doctest::Approx(1.0));
    CHECK(std::fabs(makePreset("log", {2.0f, 0}).kernel.sum()) < 1e-4f);
    CHECK(makePreset("box", {0.0f, 7}).kernel.width() == 7);
    CHECK(makePreset("box", {0.0f, 7}).divisor == 49.0f);
    const ConvRequest motion = makePreset("motion-blur", {0.0f, 5});
    CHECK(motion.kernel.width() == 5);
    CHECK(motion.divisor == 5.0f);
    CHECK(motion.kernel.at(0, 0) == 1.0f);
    CHECK(motion.kernel.at(4, 4) == 1.0f);
    CHECK(motion.kernel.at(1, 0) == 0.0f);
}

TEST_CASE("presets: bad ids and parameters are refused") {
    CHECK_THROWS_AS(makePreset("nope"), InputError);
    CHECK_THROWS_AS(makePreset(""), InputError);
    CHECK_THROWS_AS(makePreset("gaussian", {0.1f, 0}), InputError);
    CHECK_THROWS_AS(makePreset("gaussian", {6.0f, 0}), InputError);
    CHECK_THROWS_AS(makePreset("gaussian", {-1.0f, 0}), InputError);
    CHECK_THROWS_AS(makePreset("log", {std::nanf(""), 0}), InputError);
    CHECK_THROWS_AS(makePreset("motion-blur", {0.0f, 4}), InputError);
    CHECK_THROWS_AS(makePreset("box", {0.0f, 33}), InputError);
    CHECK_THROWS_AS(makePreset("box", {0.0f, -3}), InputError);
}

TEST_CASE("presets: every preset runs in every border mode on every pattern") {
    CpuSequentialBackend backend;
    for (const PatternInfo& pattern : patternList()) {
        const Image input = makePattern(pattern.id, 37, 23);
        for (const PresetInfo& preset : presetList()) {
            for (BorderMode mode : kAllBorderModes) {
                CAPTURE(pattern.id);
                CAPTURE(preset.id);
                CAPTURE(borderName(mode));
                ConvRequest r = makePreset(preset.id);
                r.border = mode;
                Image out;
                REQUIRE_NOTHROW(backend.run(input, r, out, {}));
                REQUIRE(out.width() == input.width());
                REQUIRE(out.height() == input.height());
                if (preset.id == "identity") {
                    CHECK(out == input);
                }
            }
        }
    }
}

TEST_CASE("presets: every preset runs on every bundled photograph") {
    CpuSequentialBackend backend;
    std::size_t turn = 0;
    for (const BundledImageInfo& image : bundledImageList()) {
        const Image input = loadBundledImage(image.id);
        for (const PresetInfo& preset : presetList()) {
            // The border modes take turns, so every one meets every photograph.
            const BorderMode mode = kAllBorderModes[turn++ % std::size(kAllBorderModes)];
            CAPTURE(image.id);
            CAPTURE(preset.id);
            ConvRequest r = makePreset(preset.id);
            r.border = mode;
            Image out;
            REQUIRE_NOTHROW(backend.run(input, r, out, {}));
            CHECK(out.width() == input.width());
            CHECK(out.height() == input.height());
        }
    }
}
