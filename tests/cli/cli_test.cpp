// The convis binary as a user runs it: exit code 0 and a written PNG on success; exit code 2
// and exactly one line on stderr for every bad input.
#include <doctest/doctest.h>

#include <filesystem>

#include "core/image_io.hpp"
#include "core/kernel_presets.hpp"
#include "test_support.hpp"

using namespace convis;
using convis::test::shellQuote;

namespace {

int lineCount(const std::string& text) {
    return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

// Runs convis and checks the bad-input contract: exit 2, nothing on stdout, one line on stderr.
void expectBadInput(const test::TempDir& dir, const std::string& arguments,
                    const std::string& part) {
    CAPTURE(arguments);
    const test::CommandResult result = test::runConvis(dir, arguments);
    CAPTURE(result.err);
    CHECK(result.exitCode == 2);
    CHECK(lineCount(result.err) == 1);
    CHECK(result.err.rfind("convis: error: ", 0) == 0);
    CHECK(result.err.find(part) != std::string::npos);
    CHECK(result.out.empty());
}

}  // namespace

TEST_CASE("cli: apply on the default image writes a PNG and one summary line") {
    test::TempDir dir;
    const test::CommandResult result = test::runConvis(dir, "apply");
    CAPTURE(result.err);
    REQUIRE(result.exitCode == 0);
    CHECK(result.err.empty());
    CHECK(lineCount(result.out) == 1);
    CHECK(result.out.find("512x512 bundled:astronaut") != std::string::npos);
    CHECK(result.out.find("cpu-sequential") != std::string::npos);
    CHECK(result.out.find("Mpix/s -> astronaut-gaussian.png") != std::string::npos);
    const Image out = loadImage(dir.file("astronaut-gaussian.png"));
    CHECK(out.width() == 512);
    CHECK(out.height() == 512);
}

TEST_CASE("cli: apply with every option, every bundled image, a pattern and a kernel file") {
    test::TempDir dir;
    test::writeText(dir.file("blur.txt"), "# blur\n1 2 1\n");
    const char* runs[] = {
        "apply -i bundled:coffee -k sobel-x --border mirror -o a.png",
        "apply -i chelsea -k emboss --border wrap --mode correlation -o b.png",
        "apply --input pattern:zoneplate:64x48 --kernel gaussian --sigma 1.5 --border zero "
        "--channels rgba --threads 2 --block 32x8 --backend cpu-sequential --output c.png",
        "apply -i pattern:siemens:40x30 -k blur.txt --normalise --abs --offset 10 -o d.png",
        "apply -i pattern:noise:33x17 -k motion-blur --size 5 --divisor 4 -o e.png",
    };
    for (const char* arguments : runs) {
        CAPTURE(arguments);
        const test::CommandResult result = test::runConvis(dir, arguments);
        CAPTURE(result.err);
        CHECK(result.exitCode == 0);
    }
    CHECK(loadImage(dir.file("a.png")).width() == 600);
    CHECK(loadImage(dir.file("b.png")).width() == 451);
    CHECK(loadImage(dir.file("c.png")).height() == 48);
    CHECK(loadImage(dir.file("d.png")).width() == 40);
    CHECK(loadImage(dir.file("e.png")).width() == 33);
}

TEST_CASE("cli: a file kernel with --normalise fails on zero sum, works otherwise") {
    test::TempDir dir;
    test::writeText(dir.file("edge.txt"), "-1 0 1\n");
    expectBadInput(dir, "apply -i pattern:noise:8x8 -k edge.txt --normalise", "sum to zero");
}

TEST_CASE("cli: info lists backends, presets, patterns, images and the CPU") {
    test::TempDir dir;
    const test::CommandResult result = test::runConvis(dir, "info");
    REQUIRE(result.exitCode == 0);
    for (const char* part : {"cpu-sequential  available", "sobel-x", "zoneplate", "astronaut",
                             "mirror", "correlation", "hardware threads"}) {
        CHECK(result.out.find(part) != std::string::npos);
    }
    const test::CommandResult help = test::runConvis(dir, "apply --help");
    CHECK(help.exitCode == 0);
    CHECK(help.out.find("--kernel") != std::string::npos);
}

TEST_CASE("cli: every bad input exits 2 with one line") {
    test::TempDir dir;
    test::writeText(dir.file("ragged.txt"), "1 2 3\n4 5\n7 8 9\n");
    test::writeText(dir.file("text.png"), "not an image\n");
    test::writeText(dir.file("empty.png"), "");
    test::writeText(dir.file("plain"), "x");
    const std::vector<std::uint8_t> png = encodePng(Image(8, 8));
    test::writeBytes(dir.file("cut.png"), std::vector<std::uint8_t>(png.begin(), png.begin() + 40));
    const std::string quick = "apply -i pattern:noise:8x8 ";

#if CONVIS_TEST_WITH_GUI
    // No subcommand opens the window; its options are checked before any window is made.
    expectBadInput(dir, "--bogus", "--bogus");
#else
    expectBadInput(dir, "", "no desktop application");
    expectBadInput(dir, "--bogus", "A subcommand is required");
#endif
    expectBadInput(dir, "frobnicate", "frobnicate");
    expectBadInput(dir, "apply --bogus", "--bogus");
    expectBadInput(dir, quick + "-k nope", "--kernel 'nope' is neither a preset nor");
    expectBadInput(dir, quick + "-k ragged.txt", "line 2, column 4");
    expectBadInput(dir, quick + "-k text.png", "is not a number");
    expectBadInput(dir, "apply -i missing.png", "cannot read 'missing.png': no such file");
    expectBadInput(dir, "apply -i .", "is a directory");
    expectBadInput(dir, "apply -i text.png", "not a supported image");
    expectBadInput(dir, "apply -i empty.png", "the file is empty");
    expectBadInput(dir, "apply -i cut.png", "truncated PNG");
    expectBadInput(dir, "apply -i bundled:lena", "unknown bundled image 'lena'");
    expectBadInput(dir, "apply -i pattern:zoneplate:0x5", "outside 1..8192");
    expectBadInput(dir, "apply -i pattern:stripes:8x8", "unknown pattern");
    expectBadInput(dir, "apply -i pattern:zoneplate:8", "expected WIDTHxHEIGHT");
    expectBadInput(dir, quick + "-o plain/out.png", "Not a directory");
    expectBadInput(dir, quick + "-o /dev/full", "No space left on device");
    expectBadInput(dir, quick + "-o missing/out.png", "No such file or directory");
    expectBadInput(dir, quick + "-o .", "is a directory");
    expectBadInput(dir, quick + "--backend nope", "unknown backend 'nope'");
    expectBadInput(dir, quick + "--border diagonal", "--border 'diagonal'");
    expectBadInput(dir, quick + "--mode sideways", "--mode 'sideways'");
    expectBadInput(dir, quick + "--channels rgbx", "'x' is not one of r, g, b, a");
    expectBadInput(dir, quick + "--channels rr", "given twice");
    expectBadInput(dir, quick + "--channels ''", "--channels is empty");
    expectBadInput(dir, quick + "--divisor 0", "divisor is 0");
    expectBadInput(dir, quick + "--divisor nan", "divisor");
    expectBadInput(dir, quick + "--divisor abc", "--divisor");
    expectBadInput(dir, quick + "--offset inf", "offset");
    expectBadInput(dir, quick + "--divisor 2 --normalise", "excludes");
    expectBadInput(dir, quick + "-k sobel-x --normalise", "sum to zero");
    expectBadInput(dir, quick + "-k gaussian --sigma 99", "sigma must be between");
    expectBadInput(dir, quick + "-k box --size 4", "size must be odd");
    expectBadInput(dir, quick + "-k box3 --sigma 2", "--sigma applies only to");
    expectBadInput(dir, quick + "-k gaussian --size 5", "--size applies only to");
    expectBadInput(dir, quick + "--threads -1", "--threads");
    expectBadInput(dir, quick + "--block 7x7", "8 to 32");
    expectBadInput(dir, quick + "--block abc", "expected WIDTHxHEIGHT");
    CHECK(dir.entries() ==
          std::vector<std::string>{"cut.png", "empty.png", "plain", "ragged.txt", "text.png"});
}

TEST_CASE("cli: the output target is checked before the input is loaded") {
    test::TempDir dir;
    // Both are wrong; the output is reported, so no long run is wasted on an unwritable target.
    expectBadInput(dir, "apply -i missing.png -o nodir/out.png",
                   "cannot write 'nodir/out.png': No such file or directory");
}

TEST_CASE("cli: lost standard output is an error, not a silent success") {
    test::TempDir dir;
    REQUIRE(std::filesystem::is_character_file("/dev/full"));
    const std::string errFile = dir.file("err.txt");
    const int status = std::system(
        (shellQuote(CONVIS_BINARY) + " info >/dev/full 2>" + shellQuote(errFile)).c_str());
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 2);
    CHECK(test::readText(errFile) == "convis: error: cannot write to standard output\n");
}

TEST_CASE("cli: an unavailable backend exits 2 with its reason") {
    test::TempDir dir;
    const test::CommandResult info = test::runConvis(dir, "info");
    REQUIRE(info.exitCode == 0);
    // The first backend `info` lists as unavailable, if this build and machine have one.
    const std::size_t at = info.out.find("unavailable: ");
    if (at == std::string::npos) {
        MESSAGE("every backend is available here; nothing to check");
        return;
    }
    const std::size_t lineStart = info.out.rfind('\n', at) + 1;
    std::string id = info.out.substr(lineStart, at - lineStart);
    id = id.substr(id.find_first_not_of(' '));
    id = id.substr(0, id.find(' '));
    expectBadInput(dir, "apply -i pattern:noise:8x8 --backend " + shellQuote(id),
                   "backend '" + id + "' is unavailable: ");
}
