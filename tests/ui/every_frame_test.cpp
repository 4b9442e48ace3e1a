// Every-frame mode in the real window: runs follow one another frame after frame, and without
// the mode a settled window runs once.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "xvfb_app.hpp"

namespace convis {

namespace {

nlohmann::json runAndReadInfo(const test::Sandbox& box, const std::string& extra) {
    const std::string info = box.path("info.json");
    const test::RunResult run = box.runUnderXvfb(
        "--backend cpu-parallel --image pattern:checkerboard:64x64 --tab timing --size 1280x800 "
        "--frames 40 --screenshot " +
        test::shellQuote(box.path("shot.png")) + " --screenshot-info " + test::shellQuote(info) +
        " " + extra);
    REQUIRE_MESSAGE(run.exitCode == 0, run.errors);
    return nlohmann::json::parse(test::readText(info));
}

}  // namespace

TEST_CASE("--every-frame keeps starting runs, without it the window runs once") {
    const test::Sandbox box("every-frame");
    const nlohmann::json once = runAndReadInfo(box, "");
    CHECK(once.at("runs").get<int>() == 1);
    CHECK_FALSE(once.at("everyFrame").get<bool>());

    const nlohmann::json repeated = runAndReadInfo(box, "--every-frame");
    CHECK(repeated.at("everyFrame").get<bool>());
    // One run per frame at most; a 64x64 image finishes well within a frame, so most frames run.
    CHECK(repeated.at("runs").get<int>() >= 20);
    CHECK(repeated.at("runs").get<int>() <= 45);
    CHECK(repeated.at("outputCurrent").get<bool>());
}

}  // namespace convis
