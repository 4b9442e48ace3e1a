// `convis animate`: numbered frames with real values, no leftovers, a replayed trace, and the
// one-line errors for a missing ffmpeg, a missing GPU and bad options.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "backends/cpu_sequential.hpp"
#include "core/animation_frame.hpp"
#include "core/atomic_file.hpp"
#include "core/execution_schedule.hpp"
#include "core/image_io.hpp"
#include "core/kernel_presets.hpp"
#include "core/patterns.hpp"
#include "test_support.hpp"

using namespace convis;
using convis::test::shellQuote;

namespace {

int lines(const std::string& text) {
    return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

TEST_CASE("cli: animate writes numbered frames, the last shows the real output everywhere") {
    test::TempDir dir;
    const test::CommandResult r = test::runConvis(
        dir,
        "animate --mode sequential --frames 5 --out frames --region 10,20,8,6 --cell 4 "
        "--image pattern:gradient:64x64 --kernel box3");
    CAPTURE(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(lines(r.out) == 1);
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "frames")) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    REQUIRE(names.size() == 5);  // and no temporary files left behind
    for (int i = 0; i < 5; ++i) {
        CHECK(names[static_cast<std::size_t>(i)] == frameFileName(i));
    }
    const Image last = loadImage(dir.file("frames/" + frameFileName(4)));
    REQUIRE(last.width() == 32);
    REQUIRE(last.height() == 24);
    Image expected;
    CpuSequentialBackend backend;
    backend.run(makePattern("gradient", 64, 64), makePreset("box3"), expected, {});
    // Cell (3, 2) at its centre holds output (13, 22).
    const std::uint8_t* shown = last.pixel(3 * 4 + 2, 2 * 4 + 2);
    CHECK(shown[0] == expected.pixel(13, 22)[0]);
    CHECK(shown[1] == expected.pixel(13, 22)[1]);
    const Image first = loadImage(dir.file("frames/" + frameFileName(0)));
    CHECK(first.pixel(30, 22)[0] != expected.pixel(17, 25)[0]);  // not computed yet
}

TEST_CASE("cli: animate gpu-measured replays a recorded trace") {
    test::TempDir dir;
    std::vector<BlockRecord> trace;
    for (int by = 0; by < 4; ++by) {
        for (int bx = 0; bx < 4; ++bx) {
            const std::uint64_t start = 1000u + static_cast<std::uint64_t>(by * 4 + bx) * 50u;
            trace.push_back({bx, by, (by * 4 + bx) % 3, start, start + 400u});
        }
    }
    writeFileAtomically(dir.file("trace.csv"), std::string_view(formatBlockTrace(trace)));
    const test::CommandResult r = test::runConvis(
        dir,
        "animate --mode gpu-measured --trace trace.csv --frames 3 --out f --region 0,0,64,64 "
        "--image pattern:noise:64x64 --cell 2");
    CAPTURE(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.find("GPU measured") != std::string::npos);
    CHECK(std::filesystem::exists(dir.file("f/" + frameFileName(2))));
}

TEST_CASE("cli: animate errors are one line with exit code 2") {
    test::TempDir dir;
    struct Case {
        std::string arguments;
        std::string part;
    };
    const Case cases[] = {
        {"animate --frames 2", "--out DIR"},
        {"animate --mode waves --out f", "unknown --mode"},
        {"animate --out f --region 1,2,3", "--region must be x,y,w,h"},
        {"animate --out f --region 500,500,32,32", "reaches outside"},
        {"animate --out f --frames 0", "--frames must be"},
        {"animate --out f --mode gpu-measured --trace missing.csv", "missing.csv"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.arguments);
        const test::CommandResult r = test::runConvis(dir, c.arguments);
        CAPTURE(r.err);
        CHECK(r.exitCode == 2);
        CHECK(lines(r.err) == 1);
        CHECK(r.err.find(c.part) != std::string::npos);
    }
    // No ffmpeg on the search path: said before any work, nothing written.
    // runConvis runs "BINARY ARGUMENTS > out 2> err": the first command only prints the
    // version; the one measured is the second, started with an empty search path.
    const test::CommandResult r = test::runConvis(
        dir, "--version >/dev/null; PATH=/nonexistent " + shellQuote(CONVIS_BINARY) +
                 " animate --frames 2 --out g --video clip.mp4");
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("ffmpeg not found") != std::string::npos);
    CHECK(!std::filesystem::exists(dir.file("g")));
}
