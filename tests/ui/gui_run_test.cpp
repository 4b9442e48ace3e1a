// End-to-end runs of the real window under Xvfb: the tests start `xvfb-run` themselves (from the
// xvfb package), so plain `ctest` needs no display. Each run writes a screenshot and a JSON file
// with the pane rectangles, which the checks crop.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "core/animation_frame.hpp"
#include "core/image_io.hpp"
#include "core/patterns.hpp"
#include "xvfb_app.hpp"

namespace convis {

namespace {

using test::readText;
using test::Rect;
using test::rectFrom;
using test::RunResult;
using test::Sandbox;
using test::shellQuote;
namespace fs = std::filesystem;

// Pixels that differ between the input pane and the output pane, over their common area below
// the pane labels. Returns the count and the number compared.
std::pair<long, long> paneDifference(const Image& shot, const Rect& in, const Rect& out) {
    const int skipTop = 48;  // the INPUT / OUTPUT labels differ by design
    const int w = std::min(in.w, out.w);
    const int h = std::min(in.h, out.h);
    long differing = 0;
    long compared = 0;
    for (int y = skipTop; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            const std::uint8_t* a = shot.pixel(in.x + x, in.y + y);
            const std::uint8_t* b = shot.pixel(out.x + x, out.y + y);
            ++compared;
            if (a[0] != b[0] || a[1] != b[1] || a[2] != b[2]) {
                ++differing;
            }
        }
    }
    return {differing, compared};
}

struct Shot {
    Image image;
    nlohmann::json info;
};

Shot screenshot(const Sandbox& box, const std::string& arguments, RunResult& result) {
    const std::string png = box.path("shot.png");
    const std::string json = box.path("shot.json");
    result = box.runUnderXvfb("--screenshot " + shellQuote(png) + " --screenshot-info " +
                              shellQuote(json) + " --frames 3 " + arguments);
    Shot shot;
    if (result.exitCode == 0) {
        shot.image = loadImage(png);
        shot.info = nlohmann::json::parse(readText(json));
    }
    return shot;
}

}  // namespace

TEST_CASE("the window starts on the default image and writes a screenshot of the given size") {
    Sandbox box("start");
    RunResult result;
    const Shot shot = screenshot(box, "--size 1600x900 --view side", result);
    INFO(result.errors);
    REQUIRE(result.exitCode == 0);
    CHECK(shot.image.width() == 1600);
    CHECK(shot.image.height() == 900);
    CHECK(shot.info.at("image").at("width").get<int>() > 0);
    CHECK(shot.info.at("outputCurrent").get<bool>());
    // The canvas lies inside the window and is not empty.
    const Rect canvas = rectFrom(shot.info.at("canvas"));
    CHECK(canvas.w > 200);
    CHECK(canvas.h > 200);
    CHECK(canvas.x + canvas.w <= 1600);
    CHECK(canvas.y + canvas.h <= 900);
}

TEST_CASE("side by side: the output differs from the input for a blur and equals it for identity") {
    Sandbox box("compare");
    RunResult result;
    const Shot blur = screenshot(box, "--size 1600x900 --view side --zoom 1 --kernel box9", result);
    INFO(result.errors);
    REQUIRE(result.exitCode == 0);
    REQUIRE(blur.info.at("outputCurrent").get<bool>());
    const auto [blurDiff, blurCount] = paneDifference(
        blur.image, rectFrom(blur.info.at("inputPane")), rectFrom(blur.info.at("outputPane")));
    REQUIRE(blurCount > 100000);
    CHECK(blurDiff > blurCount / 10);

    // Identity: pixel-identical panes when magnified (nearest), at 1:1, and zoomed out
    // (footprint averaging), since both panes sample the same way.
    for (const char* zoom : {"1", "3", "0.5"}) {
        CAPTURE(zoom);
        const Shot same = screenshot(
            box, std::string("--size 1600x900 --view side --kernel identity --zoom ") + zoom,
            result);
        REQUIRE(result.exitCode == 0);
        REQUIRE(same.info.at("outputCurrent").get<bool>());
        const auto [sameDiff, sameCount] = paneDifference(
            same.image, rectFrom(same.info.at("inputPane")), rectFrom(same.info.at("outputPane")));
        REQUIRE(sameCount > 100000);
        CHECK(sameDiff == 0);
    }
}

TEST_CASE("no display: exit code 2 and one line pointing to the subcommands") {
    Sandbox box("nodisplay");
    const RunResult result =
        box.run("env -u DISPLAY -u WAYLAND_DISPLAY " + shellQuote(CONVIS_BINARY) +
                " --screenshot " + shellQuote(box.path("x.png")));
    CHECK(result.exitCode == 2);
    CHECK(result.errors.find("cannot open the window") != std::string::npos);
    CHECK(result.errors.find("subcommands") != std::string::npos);
    CHECK(std::count(result.errors.begin(), result.errors.end(), '\n') == 1);
    CHECK_FALSE(fs::exists(box.path("x.png")));
}

TEST_CASE("OpenGL below 3.3: exit code 2 with a clear message") {
    Sandbox box("oldgl");
    const RunResult result = box.runUnderXvfb("--screenshot " + shellQuote(box.path("x.png")),
                                              "MESA_GL_VERSION_OVERRIDE=3.0");
    CHECK(result.exitCode == 2);
    CHECK(result.errors.find("OpenGL 3.3") != std::string::npos);
    CHECK_FALSE(fs::exists(box.path("x.png")));
}

TEST_CASE("an unreadable dropped file gives a message and the current image stays") {
    Sandbox box("drop");
    std::ofstream(box.path("not-an-image.png")) << "this is text, not a PNG";
    fs::create_directories(box.path("a-folder"));
    for (const std::string& dropped :
         {box.path("missing.png"), box.path("not-an-image.png"), box.path("a-folder")}) {
        CAPTURE(dropped);
        RunResult result;
        const Shot shot = screenshot(box, "--simulate-drop " + shellQuote(dropped), result);
        INFO(result.errors);
        REQUIRE(result.exitCode == 0);
        bool reported = false;
        for (const auto& message : shot.info.at("messages")) {
            reported |= message.get<std::string>().find("cannot open image") != std::string::npos;
        }
        CHECK(reported);
        // Still the default image, and still filtered.
        CHECK(shot.info.at("image").at("name").get<std::string>().find("not-an-image") ==
              std::string::npos);
        CHECK(shot.info.at("image").at("width").get<int>() > 0);
        CHECK(shot.info.at("outputCurrent").get<bool>());
    }
}

TEST_CASE("a corrupt settings file is ignored with a message and left for the next save") {
    Sandbox box("settings");
    const fs::path settings = box.root / "home" / ".config" / "convis" / "settings.json";
    fs::create_directories(settings.parent_path());
    const std::string corrupt = "{\"live\": tru";
    std::ofstream(settings) << corrupt;
    RunResult result;
    const Shot shot = screenshot(box, "", result);
    INFO(result.errors);
    REQUIRE(result.exitCode == 0);
    CHECK(result.errors.find("corrupt and was ignored") != std::string::npos);
    CHECK(readText(settings) == corrupt);  // screenshot runs never write settings
    CHECK(shot.image.width() > 0);
}

TEST_CASE("closing the window saves the settings, replacing a corrupt file") {
    Sandbox box("save");
    const fs::path settings = box.root / "home" / ".config" / "convis" / "settings.json";
    fs::create_directories(settings.parent_path());
    std::ofstream(settings) << "{\"live\": tru";
    const RunResult result = box.runUnderXvfb("--quit-after-frames 3 --view split --split 0.25");
    INFO(result.errors);
    REQUIRE(result.exitCode == 0);
    const nlohmann::json saved = nlohmann::json::parse(readText(settings));
    CHECK(saved.at("view").at("mode").get<int>() == 3);  // split
    CHECK(saved.at("view").at("split").get<double>() == doctest::Approx(0.25));
    CHECK(saved.at("windowWidth").get<int>() > 0);
}

TEST_CASE("settings are saved while the window runs, so a killed session keeps them") {
    Sandbox box("save-periodic");
    const fs::path settings = box.root / "home" / ".config" / "convis" / "settings.json";
    // Killed after 5 s (SIGKILL: no destructor runs); the app saves changes every 2 s.
    const RunResult result = box.run("xvfb-run -a -s '-screen 0 1280x800x24' timeout -s KILL 5 " +
                                     shellQuote(CONVIS_BINARY) + " --kernel sobel-x --view output");
    INFO(result.errors);
    REQUIRE(fs::exists(settings));
    const nlohmann::json saved = nlohmann::json::parse(readText(settings));
    CHECK(saved.at("preset").get<std::string>() == "sobel-x");
    CHECK(saved.at("view").at("mode").get<int>() == 1);  // output
}

TEST_CASE("animation tab mid-run: done cells show the real output, the rest wait their turn") {
    // Sequential over a 16x16 region at half time: rows 0..7 done, output 128 being computed.
    Sandbox box("animation");
    RunResult result;
    const Shot shot =
        screenshot(box,
                   "--size 1600x900 --image pattern:gradient:256x256 --kernel identity "
                   "--tab animation --anim-mode sequential --anim-time 0.5 "
                   "--anim-region 40,50,16,16",
                   result);
    INFO(result.errors);
    REQUIRE(result.exitCode == 0);
    REQUIRE(shot.info.at("outputCurrent").get<bool>());
    const nlohmann::json& grid = shot.info.at("animationGrid");
    REQUIRE(grid.at("columns").get<int>() == 16);
    REQUIRE(grid.at("rows").get<int>() == 16);
    const double cell = grid.at("cell").get<double>();
    REQUIRE(cell >= 8.0);
    const auto centre = [&](int cx, int cy) {
        return shot.image.pixel(static_cast<int>(grid.at("x").get<double>() + (cx + 0.5) * cell),
                                static_cast<int>(grid.at("y").get<double>() + (cy + 0.5) * cell));
    };
    const Image input = makePattern("gradient", 256, 256);  // identity: output == input
    for (const auto& [cx, cy] : {std::pair{3, 2}, std::pair{15, 7}, std::pair{0, 0}}) {
        const std::uint8_t* shown = centre(cx, cy);
        const std::uint8_t* real = input.pixel(40 + cx, 50 + cy);
        CAPTURE(cx);
        CAPTURE(cy);
        CHECK(shown[0] == real[0]);
        CHECK(shown[1] == real[1]);
        CHECK(shown[2] == real[2]);
    }
    const std::uint8_t* running = centre(0, 8);
    CHECK(running[0] == workerColour(0)[0]);
    CHECK(running[1] == workerColour(0)[1]);
    const std::uint8_t* pending = centre(5, 12);
    CHECK(pending[0] == 34);
    CHECK(pending[1] == 37);
    CHECK(pending[2] == 44);
}

}  // namespace convis
