// Video export through ffmpeg: finding the program, a missing one, an encoder that stops
// reading (EPIPE, never SIGPIPE), failures leaving no file, and a real encode when installed.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "core/patterns.hpp"
#include "core/video_pipe.hpp"
#include "test_support.hpp"

using namespace convis;

TEST_CASE("video: programs are found on the search path, or not at all") {
    CHECK(findProgram("sh", "/nonexistent:/bin:/usr/bin") != "");
    CHECK(findProgram("sh", "") == "");
    CHECK(findProgram("convis-no-such-program", "/bin:/usr/bin") == "");
    CHECK(findProgram("/bin/sh", "") == "/bin/sh");
}

TEST_CASE("video: an encoder that stops reading gives an IoError, and no file is left") {
    test::TempDir dir;
    const std::string out = dir.file("clip.mp4");
    const Image frame = makePattern("noise", 64, 64);
    {
        VideoPipe pipe("/bin/false", out, 64, 64, 10);
        bool failed = false;
        try {
            for (int i = 0; i < 200; ++i) {  // 3 MB: far beyond any pipe buffer
                pipe.write(frame);
            }
        } catch (const IoError& e) {
            failed = true;
            CHECK(std::string(e.what()).find("stopped reading") != std::string::npos);
        }
        CHECK(failed);
        CHECK_THROWS_AS(pipe.write(frame), IoError);
    }
    CHECK(dir.entries().empty());
    // Exits non-zero without reading anything: finish() reports it.
    VideoPipe quiet("/bin/false", out, 64, 64, 10);
    CHECK_THROWS_AS(quiet.finish(), IoError);
    CHECK(dir.entries().empty());
}

TEST_CASE("video: bad names and sizes are refused") {
    test::TempDir dir;
    CHECK_THROWS_AS(VideoPipe("/bin/true", dir.file("clip.avi"), 8, 8, 10), InputError);
    CHECK_THROWS_AS(VideoPipe("/bin/true", dir.file("clip.gif"), 0, 8, 10), InputError);
    VideoPipe pipe("/bin/true", dir.file("clip.gif"), 8, 8, 10);
    CHECK_THROWS_AS(pipe.write(Image(9, 8)), InputError);
}

TEST_CASE("video: ffmpeg encodes a GIF and an MP4 when it is installed") {
    const char* path = std::getenv("PATH");
    const std::string ffmpeg = findProgram("ffmpeg", path != nullptr ? path : "");
    if (ffmpeg.empty()) {
        MESSAGE("ffmpeg not installed: encoding not tested here");
        return;
    }
    test::TempDir dir;
    for (const char* name : {"clip.gif", "clip.mp4"}) {
        VideoPipe pipe(ffmpeg, dir.file(name), 64, 48, 10);
        for (int i = 0; i < 5; ++i) {
            pipe.write(makePattern(i % 2 == 0 ? "gradient" : "checkerboard", 64, 48));
        }
        pipe.finish();
        std::ifstream in(dir.file(name), std::ios::binary);
        std::string head(8, '\0');
        in.read(head.data(), 8);
        CHECK(in.good());
        if (std::string(name).ends_with(".gif")) {
            CHECK(head.rfind("GIF8", 0) == 0);
        } else {
            CHECK(head.substr(4, 4) == "ftyp");
        }
    }
    CHECK(dir.entries() == std::vector<std::string>{"clip.gif", "clip.mp4"});
}
