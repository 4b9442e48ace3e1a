// Framebuffer captures of the real window under Xvfb: the animation panel captured frame by
// frame (--anim-capture-panel), the timing tab's PNG button (--export-chart-png), each checked
// against the same rectangle of a full screenshot; failures of an unwritable folder and a full
// disk; and the whole-image shuffle-order proof run on its job thread.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/image_io.hpp"
#include "xvfb_app.hpp"

namespace convis {

namespace {

using test::Rect;
using test::rectFrom;
using test::RunResult;
using test::Sandbox;
using test::shellQuote;
namespace fs = std::filesystem;

// The rectangle cut out of a screenshot.
Image crop(const Image& shot, const Rect& r) {
    Image part(r.w, r.h);
    for (int y = 0; y < r.h; ++y) {
        for (int x = 0; x < r.w; ++x) {
            const std::uint8_t* from = shot.pixel(r.x + x, r.y + y);
            std::copy(from, from + 4, part.pixel(x, y));
        }
    }
    return part;
}

std::size_t distinctColours(const Image& image) {
    std::set<std::uint32_t> colours;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const std::uint8_t* p = image.pixel(x, y);
            colours.insert(static_cast<std::uint32_t>(p[0]) << 16 |
                           static_cast<std::uint32_t>(p[1]) << 8 | p[2]);
        }
    }
    return colours.size();
}

// A screenshot run with extra arguments: the screenshot and its info, when it succeeded.
struct Shot {
    RunResult result;
    Image image;
    nlohmann::json info;
};

Shot screenshotRun(const Sandbox& box, const std::string& arguments) {
    Shot shot;
    const std::string png = box.path("shot.png");
    const std::string json = box.path("shot.json");
    shot.result = box.runUnderXvfb("--screenshot " + shellQuote(png) + " --screenshot-info " +
                                   shellQuote(json) + " --frames 3 --size 1600x900 " + arguments);
    if (fs::exists(png)) {
        shot.image = loadImage(png);
    }
    if (fs::exists(json)) {
        shot.info = nlohmann::json::parse(test::readText(json));
    }
    return shot;
}

const std::string kAnimation =
    "--image pattern:gradient:256x256 --kernel identity --anim-mode gpu-waves --anim-time 0 "
    "--anim-region 40,50,16,16 ";

// The lines of stderr that contain `text`.
int linesWith(const std::string& errors, const std::string& text) {
    int count = 0;
    std::size_t start = 0;
    while (start < errors.size()) {
        const std::size_t end = std::min(errors.find('\n', start), errors.size());
        if (errors.substr(start, end - start).find(text) != std::string::npos) {
            ++count;
        }
        start = end + 1;
    }
    return count;
}

}  // namespace

TEST_CASE("the animation panel captured frame by frame: N frames of its size that move") {
    Sandbox box("panel-capture");
    const std::string dir = box.path("frames");
    constexpr int kFrames = 5;
    const Shot shot = screenshotRun(box, kAnimation + "--anim-capture-panel " + shellQuote(dir) +
                                             " --anim-capture-frames " + std::to_string(kFrames));
    INFO(shot.result.errors);
    REQUIRE(shot.result.exitCode == 0);
    const Rect rect = rectFrom(shot.info.at("panelCapture"));
    CHECK(shot.info.at("panelCapture").at("written").get<int>() == kFrames);
    // Both tracks (sequential beside the GPU waves) with their titles and counters.
    CHECK(rect.w > 300);
    CHECK(rect.h > 200);
    REQUIRE(rect.x + rect.w <= shot.image.width());
    REQUIRE(rect.y + rect.h <= shot.image.height());
    // Exactly the frames, no temporary files left by the atomic writes.
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) {
        names.insert(entry.path().filename().string());
    }
    CHECK(names == std::set<std::string>{"frame_00000.png", "frame_00001.png", "frame_00002.png",
                                         "frame_00003.png", "frame_00004.png"});
    std::vector<Image> frames;
    for (int i = 0; i < kFrames; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "frame_%05d.png", i);
        frames.push_back(loadImage((fs::path(dir) / name).string()));
        CAPTURE(i);
        CHECK(frames.back().width() == rect.w);
        CHECK(frames.back().height() == rect.h);
        CHECK(distinctColours(frames.back()) > 8);  // text and cells, not a blank rectangle
    }
    for (int i = 1; i < kFrames; ++i) {
        CAPTURE(i);
        CHECK_FALSE(frames[static_cast<std::size_t>(i)] ==
                    frames[static_cast<std::size_t>(i - 1)]);  // the animation moved
    }
    // After the capture the clock is back at 0, so the screenshot shows what frame 0 shows.
    CHECK(frames.front() == crop(shot.image, rect));
    CHECK_FALSE(frames.back() == crop(shot.image, rect));
}

TEST_CASE("panel capture into an unwritable folder: exit 2 with one line, no frames") {
    Sandbox box("panel-capture-unwritable");
    const Shot shot = screenshotRun(box, kAnimation + "--anim-capture-panel /proc/convis-no/x");
    INFO(shot.result.errors);
    CHECK(shot.result.exitCode == 2);
    CHECK(linesWith(shot.result.errors, "panel capture not started: ") == 1);
    CHECK(linesWith(shot.result.errors, "/proc/convis-no/x") == 1);
    CHECK_FALSE(fs::exists("/proc/convis-no"));
}

TEST_CASE("panel capture onto a full disk stops at that frame with one line, earlier frames stay") {
    Sandbox box("panel-capture-full");
    const fs::path dir = box.path("frames");
    fs::create_directories(dir);
    // Frame 2 lands on /dev/full: every write to it fails with ENOSPC, as on a full disk.
    fs::create_symlink("/dev/full", dir / "frame_00002.png");
    const Shot shot = screenshotRun(box, kAnimation + "--anim-capture-panel " +
                                             shellQuote(dir.string()) + " --anim-capture-frames 4");
    INFO(shot.result.errors);
    CHECK(shot.result.exitCode == 2);
    CHECK(linesWith(shot.result.errors, "panel capture stopped at frame 2: ") == 1);
    CHECK(linesWith(shot.result.errors, "No space left on device") == 1);
    CHECK(fs::exists(dir / "frame_00000.png"));
    CHECK(fs::exists(dir / "frame_00001.png"));
    CHECK_FALSE(fs::exists(dir / "frame_00003.png"));
    CHECK(fs::is_symlink(dir / "frame_00002.png"));
}

TEST_CASE("the timing tab's PNG button crops the framebuffer to the tab, as on screen") {
    Sandbox box("chart-png");
    const std::string chart = box.path("timing.png");
    const Shot shot =
        screenshotRun(box,
                      "--image pattern:zoneplate:256x256 --kernel box5 --tab timing --runs 3 "
                      "--export-chart-png " +
                          shellQuote(chart));
    INFO(shot.result.errors);
    REQUIRE(shot.result.exitCode == 0);
    const Rect rect = rectFrom(shot.info.at("chartCapture"));
    REQUIRE(fs::exists(chart));
    const Image picture = loadImage(chart);
    CHECK(rect.w > 600);
    CHECK(rect.h > 400);
    CHECK(picture.width() == rect.w);
    CHECK(picture.height() == rect.h);
    CHECK(distinctColours(picture) > 50);  // the table, the charts, the bars
    REQUIRE(rect.x + rect.w <= shot.image.width());
    REQUIRE(rect.y + rect.h <= shot.image.height());
    CHECK(picture == crop(shot.image, rect));
    // The tab, not the whole window: the kernel panel on the left is outside it.
    CHECK(rect.x > 100);
    CHECK(rect.w < shot.image.width() - 200);
}

TEST_CASE("the sweep tab's PNG button crops the framebuffer to the tab, as on screen") {
    Sandbox box("sweep-png");
    const std::string sweep = box.path("sweep.json");
    const RunResult made =
        box.run(shellQuote(CONVIS_BINARY) + " sweep --from 32 --to 64 --k 3 --samples 1 --json " +
                shellQuote(sweep));
    REQUIRE(made.exitCode == 0);
    const std::string chart = box.path("sweep.png");
    const Shot shot = screenshotRun(box, "--tab sweep --sweep-file " + shellQuote(sweep) +
                                             " --export-chart-png " + shellQuote(chart));
    INFO(shot.result.errors);
    REQUIRE(shot.result.exitCode == 0);
    const Rect rect = rectFrom(shot.info.at("chartCapture"));
    REQUIRE(fs::exists(chart));
    const Image picture = loadImage(chart);
    CHECK(picture.width() == rect.w);
    CHECK(picture.height() == rect.h);
    CHECK(rect.w > 600);
    CHECK(distinctColours(picture) > 50);
    REQUIRE(rect.x + rect.w <= shot.image.width());
    REQUIRE(rect.y + rect.h <= shot.image.height());
    CHECK(picture == crop(shot.image, rect));
}

TEST_CASE("--export-chart-png without a chart to save is refused in one line") {
    Sandbox box("chart-png-tab");
    const Shot shot = screenshotRun(box, "--export-chart-png " + shellQuote(box.path("c.png")));
    CHECK(shot.result.exitCode == 2);
    CHECK(linesWith(shot.result.errors, "--export-chart-png needs --tab timing") == 1);
    CHECK_FALSE(fs::exists(box.path("c.png")));
    // The Sweep tab before any sweep has no chart and no PNG button: said, not waited for.
    const Shot empty =
        screenshotRun(box, "--tab sweep --export-chart-png " + shellQuote(box.path("c.png")));
    CHECK(empty.result.exitCode == 2);
    CHECK(linesWith(empty.result.errors, "the tab shows no chart to save") == 1);
    CHECK_FALSE(fs::exists(box.path("c.png")));
}

TEST_CASE("the whole-image shuffle-order proof runs on its thread: bit-identical") {
    Sandbox box("order-proof");
    const Shot shot = screenshotRun(
        box, "--image pattern:noise:640x480 --kernel sobel-x --tab animation --anim-prove-order");
    INFO(shot.result.errors);
    REQUIRE(shot.result.exitCode == 0);
    const nlohmann::json& proof = shot.info.at("orderProof");
    CHECK(proof.at("valid").get<bool>());
    CHECK(proof.at("identical").get<bool>());
    CHECK(proof.at("differingPixels").get<std::size_t>() == 0);
    CHECK(proof.at("pixels").get<std::size_t>() == 640u * 480u);
    CHECK(proof.at("error").get<std::string>().empty());
}

}  // namespace convis
