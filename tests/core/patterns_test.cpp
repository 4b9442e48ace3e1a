// Generated patterns: sizes, content that each pattern promises, determinism, spec parsing.
#include <doctest/doctest.h>

#include <set>

#include "core/error.hpp"
#include "core/patterns.hpp"

using namespace convis;

TEST_CASE("patterns: every pattern at odd, tiny and thin sizes, opaque") {
    CHECK(patternList().size() == 6);
    for (const PatternInfo& info : patternList()) {
        for (auto [w, h] :
             {std::pair{1, 1}, std::pair{7, 3}, std::pair{2, 9}, std::pair{8192, 2}}) {
            CAPTURE(info.id);
            CAPTURE(w);
            const Image image = makePattern(info.id, w, h);
            REQUIRE(image.width() == w);
            REQUIRE(image.height() == h);
            for (int y = 0; y < h; ++y) {
                for (int x = 0; x < w; ++x) {
                    REQUIRE(image.pixel(x, y)[3] == 255);
                }
            }
        }
    }
}

TEST_CASE("patterns: impulses are single white pixels every 32 px") {
    const Image image = makePattern("impulses", 70, 40);
    int white = 0;
    for (int y = 0; y < 40; ++y) {
        for (int x = 0; x < 70; ++x) {
            const std::uint8_t v = image.pixel(x, y)[0];
            CHECK((v == 0 || v == 255));
            if (v == 255) {
                ++white;
                CHECK(x % 32 == 16);
                CHECK(y % 32 == 16);
            }
        }
    }
    CHECK(white == 2);  // (16, 16) and (48, 16); x = 80 and y = 48 are outside
}

TEST_CASE("patterns: gradient spans 0..255, checkerboard alternates, star is two-tone") {
    const Image g = makePattern("gradient", 256, 3);
    CHECK(g.pixel(0, 0)[0] == 0);
    CHECK(g.pixel(255, 0)[0] == 255);
    CHECK(g.pixel(100, 0)[0] == 100);
    CHECK(g.pixel(0, 2)[1] == 255);

    const Image c = makePattern("checkerboard", 64, 64);  // squares of 8
    CHECK(c.pixel(0, 0)[0] != c.pixel(8, 0)[0]);
    CHECK(c.pixel(0, 0)[0] == c.pixel(8, 8)[0]);
    CHECK(c.pixel(0, 0)[0] == c.pixel(7, 7)[0]);

    const Image s = makePattern("siemens", 64, 64);
    std::set<int> values;
    for (int y = 0; y < 64; ++y) {
        for (int x = 0; x < 64; ++x) {
            values.insert(s.pixel(x, y)[0]);
        }
    }
    CHECK(values == std::set<int>{0, 255});

    const Image z = makePattern("zoneplate", 65, 65);
    CHECK(z.pixel(32, 32)[0] == 255);  // cos(0) at the centre
}

TEST_CASE("patterns: noise is deterministic and not flat") {
    const Image a = makePattern("noise", 64, 32);
    const Image b = makePattern("noise", 64, 32);
    CHECK(a == b);
    std::set<int> values;
    for (int i = 0; i < 64 * 32; ++i) {
        values.insert(a.data()[4 * i]);
    }
    CHECK(values.size() > 200);
}

TEST_CASE("patterns: sizes outside 1..8192 and unknown names are refused") {
    CHECK_THROWS_AS(makePattern("noise", 0, 5), InputError);
    CHECK_THROWS_AS(makePattern("noise", 5, -1), InputError);
    CHECK_THROWS_AS(makePattern("noise", 8193, 1), InputError);
    CHECK_THROWS_AS(makePattern("noise", 1, 8193), InputError);
    CHECK_THROWS_AS(makePattern("stripes", 8, 8), InputError);
}

TEST_CASE("patterns: pattern:NAME:WxH specs") {
    const Image a = makePatternFromSpec("pattern:zoneplate:64x32");
    CHECK(a.width() == 64);
    CHECK(a.height() == 32);
    const Image b = makePatternFromSpec("pattern:checkerboard");
    CHECK(b.width() == 512);
    CHECK(b.height() == 512);
    CHECK(makePatternFromSpec("pattern:noise:3X4").height() == 4);
    for (const char* bad :
         {"pattern:zoneplate:64", "pattern:zoneplate:axb", "pattern:zoneplate:0x5",
          "pattern:zoneplate:9000x5", "pattern:zoneplate:5x", "pattern:zoneplate:x5",
          "pattern:zoneplate:5x5x5", "pattern:nope:8x8", "pattern:", "zoneplate:8x8",
          "pattern:zoneplate:-5x5", "pattern:zoneplate:99999999999x5"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(makePatternFromSpec(bad), InputError);
    }
}
