// Playback arithmetic and offscreen frames: the clock, counts, real values in done cells.
#include <doctest/doctest.h>

#include "core/animation_frame.hpp"
#include "core/error.hpp"
#include "core/patterns.hpp"

using namespace convis;

TEST_CASE("animation: the clock advances by real time times speed and stops at the end") {
    CHECK(advanceClock(0.0, 0.5, 4.0, ClockUnit::Steps, 100.0) == doctest::Approx(2.0));
    CHECK(advanceClock(99.0, 1.0, 10.0, ClockUnit::Steps, 100.0) == 100.0);
    CHECK(advanceClock(5.0, -1.0, 10.0, ClockUnit::Steps, 100.0) == 5.0);
    CHECK(advanceClock(0.0, 1.0, 1.0, ClockUnit::Nanoseconds, 1e6) == doctest::Approx(1000.0));
}

TEST_CASE("animation: counts and frames follow the schedule") {
    const Image output = makePattern("gradient", 20, 12);
    const Region region{2, 3, 5, 4};
    const Schedule s = sequentialSchedule(region);
    PlaybackCounts c = countAt(s, 0.0);
    CHECK(c.done == 0);
    CHECK(c.running == 1);
    CHECK(c.total == 20);
    c = countAt(s, 7.5);
    CHECK(c.done == 7);
    CHECK(c.running == 1);
    CHECK(countAt(s, s.duration).done == 20);

    const Image frame = renderScheduleFrame(s, region, output, 7.5, 8);
    REQUIRE(frame.width() == 40);
    REQUIRE(frame.height() == 32);
    // Output 6 (x=3 in row 1 of the region) is done: its cell's inside shows the real value.
    const std::uint8_t* inside = frame.pixel(1 * 8 + 4, 1 * 8 + 4);
    const std::uint8_t* real = output.pixel(region.x + 1, region.y + 1);
    CHECK(inside[0] == real[0]);
    CHECK(inside[1] == real[1]);
    // Output 7 is running: the worker's colour.
    const std::uint8_t* running = frame.pixel(2 * 8 + 4, 1 * 8 + 4);
    CHECK(running[0] == workerColour(0)[0]);
    CHECK(running[1] == workerColour(0)[1]);
    // The last output is pending: dark, and not the output value.
    const std::uint8_t* pending = frame.pixel(4 * 8 + 4, 3 * 8 + 4);
    CHECK(pending[0] < 60);
    CHECK_THROWS_AS(renderScheduleFrame(s, {16, 0, 5, 4}, output, 1.0, 4), InputError);
    CHECK_THROWS_AS(renderScheduleFrame(s, region, output, 1.0, 0), InputError);
}

TEST_CASE("animation: worker colours differ between neighbours, frame names are numbered") {
    for (int w = 0; w < 23; ++w) {
        CHECK(workerColour(w) != workerColour(w + 1));
    }
    CHECK(frameFileName(0) == "frame_00000.png");
    CHECK(frameFileName(42) == "frame_00042.png");
}

TEST_CASE("animation: export frames are spaced evenly from the start to the end") {
    CHECK(evenFrameTime(90.0, 0, 4) == 0.0);
    CHECK(evenFrameTime(90.0, 1, 4) == doctest::Approx(30.0));
    CHECK(evenFrameTime(90.0, 3, 4) == 90.0);
    CHECK(evenFrameTime(90.0, 0, 1) == 90.0);  // a single frame shows the finished region
}

TEST_CASE("schedule: thread bands over a region use the whole image's split") {
    // 100 rows, 4 threads: bands of 25 rows; a region over rows 20..34 spans threads 0 and 1.
    const Region region{10, 20, 3, 15};
    const Schedule s = threadBandSchedule(region, 4, 100);
    int thread0 = 0;
    int thread1 = 0;
    for (const OutputEvent& e : s.events) {
        CHECK(e.worker == (e.y < 25 ? 0 : 1));
        (e.worker == 0 ? thread0 : thread1) += 1;
    }
    CHECK(thread0 == 5 * 3);
    CHECK(thread1 == 10 * 3);
    CHECK(s.duration == 30.0);  // thread 1's 30 outputs, one per step
    CHECK(s.events.size() == 45);
    CHECK_THROWS_AS(threadBandSchedule(region, 4, 30), InputError);
}
