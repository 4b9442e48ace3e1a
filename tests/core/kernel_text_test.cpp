// The kernel text format: parsing, comments, round trips, and every error with line and column.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "core/error.hpp"
#include "core/kernel_presets.hpp"
#include "core/kernel_text.hpp"
#include "test_support.hpp"

using namespace convis;

namespace {
// The message of the InputError that parsing text throws ("" when it parses).
std::string parseError(std::string_view text) {
    try {
        parseKernelText(text);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST_CASE("kernel text: rows, comments, commas, signs, CRLF") {
    const Kernel k = parseKernelText(
        "# Sobel X\r\n"
        "-1, 0, +1   # left to right\r\n"
        "\r\n"
        "-2  0  2\r\n"
        "\t-1 0 1e0\r\n");
    CHECK(k.width() == 3);
    CHECK(k.height() == 3);
    CHECK(k == makePreset("sobel-x").kernel);
    CHECK(parseKernelText("7").weights() == std::vector<float>{7});
    CHECK(parseKernelText("0.5 .25 -1.5e-1").weights() == std::vector<float>{0.5f, 0.25f, -0.15f});
}

TEST_CASE("kernel text: round trip is exact, awkward floats included") {
    const std::vector<float> awkward{0.1f,
                                     1.0f / 3.0f,
                                     -2.0f / 3.0f,
                                     1e-7f,
                                     std::nextafter(1.0f, 2.0f),
                                     1.0e6f,
                                     -1.0e6f,
                                     std::numeric_limits<float>::denorm_min(),
                                     1e-40f,
                                     123456.789f,
                                     -0.0f,
                                     std::nextafter(1.0e6f, 0.0f),
                                     0.3f,
                                     7.0f,
                                     -1.0f};
    const Kernel k(5, 3, awkward);
    const std::string text = formatKernelText(k, "awkward\nfloats");
    CHECK(text.rfind("# awkward\n# floats\n", 0) == 0);
    const Kernel back = parseKernelText(text);
    REQUIRE(back.width() == 5);
    REQUIRE(back.height() == 3);
    for (std::size_t i = 0; i < awkward.size(); ++i) {
        CAPTURE(i);
        CHECK(std::memcmp(&back.weights()[i], &awkward[i], sizeof(float)) == 0);  // bit-exact
    }
    for (const PresetInfo& preset : presetList()) {
        const Kernel p = makePreset(preset.id).kernel;
        CHECK(parseKernelText(formatKernelText(p)) == p);
    }
}

TEST_CASE("kernel text: errors name line and column") {
    CHECK(
        parseError("1 2 3\n4 5\n7 8 9\n").find("line 2, column 4: row has 2 numbers, expected 3") !=
        std::string::npos);
    CHECK(parseError("1 2 3\n4 5 6 7\n7 8 9\n").find("line 2, column 7: row has 4 numbers") !=
          std::string::npos);
    CHECK(parseError("1 2 3\n4 x 6\n7 8 9\n").find("line 2, column 3: 'x' is not a number") !=
          std::string::npos);
    CHECK(
        parseError("1 2 3\n4 1.2.3 6\n7 8 9\n").find("line 2, column 3: '1.2.3' is not a number") !=
        std::string::npos);
    CHECK(parseError("# c\n1 2 3\n4 5 6\n7 8 nan\n").find("line 4, column 5") != std::string::npos);
    CHECK(parseError("1 2 3\n4 5 6\n7 8 nan\n").find("finite") != std::string::npos);
    CHECK(parseError("inf 2 3\n4 5 6\n7 8 9\n").find("line 1, column 1") != std::string::npos);
    CHECK(parseError("-infinity").find("finite") != std::string::npos);
    CHECK(parseError("1 1e39 1").find("line 1, column 3: '1e39' is out of range") !=
          std::string::npos);
    CHECK(parseError("1 2e6 1").find("line 1, column 3: '2e6' exceeds 1e6") != std::string::npos);
    CHECK(parseError("").find("no weights") != std::string::npos);
    CHECK(parseError("# only a comment\n\n   \n").find("line 4, column 1: no weights") !=
          std::string::npos);
    CHECK(parseError("1 2\n3 4\n5 6\n")
              .find("line 1, column 4: rows have 2 numbers; the width "
                    "must be odd") != std::string::npos);
    CHECK(parseError("1 2 3\n4 5 6\n")
              .find("line 2, column 1: the kernel has 2 rows; the height "
                    "must be odd") != std::string::npos);
    std::string wide;
    for (int i = 0; i < 33; ++i) {
        wide += "1 ";
    }
    CHECK(parseError(wide).find("line 1, column 63: rows have 33 numbers; at most 31") !=
          std::string::npos);
    std::string tall;
    for (int i = 0; i < 33; ++i) {
        tall += "1\n";
    }
    CHECK(parseError(tall).find("line 32, column 1: the kernel has 33 rows; at most 31") !=
          std::string::npos);
    // Locale independence: a comma is a separator, never a decimal point.
    CHECK(parseKernelText("1,5 2").weights() == std::vector<float>{1, 5, 2});
}

TEST_CASE("kernel text: files load and save atomically, errors name the file") {
    test::TempDir dir;
    const Kernel k = makePreset("emboss").kernel;
    const std::string path = dir.file("emboss.txt");
    saveKernelFile(k, path);
    CHECK(loadKernelFile(path) == k);
    CHECK(dir.entries() == std::vector<std::string>{"emboss.txt"});

    const std::string bad = dir.file("bad.txt");
    test::writeText(bad, "1 2 3\n4 5\n7 8 9\n");
    try {
        loadKernelFile(bad);
        FAIL("a ragged kernel file was accepted");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()) ==
              "kernel '" + bad + "' line 2, column 4: row has 2 numbers, expected 3 as on line 1");
    }
    CHECK_THROWS_AS(loadKernelFile(dir.file("missing.txt")), InputError);
    CHECK_THROWS_AS(loadKernelFile(dir.path().string()), InputError);
    test::writeText(dir.file("empty.txt"), "");
    CHECK_THROWS_AS(loadKernelFile(dir.file("empty.txt")), InputError);
    test::writeBytes(dir.file("binary.txt"), {'1', 0, '2'});
    CHECK_THROWS_AS(loadKernelFile(dir.file("binary.txt")), InputError);
}
