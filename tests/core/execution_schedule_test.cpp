// Schedules: every output exactly once, bands cover the region, wave counts, trace parsing.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>
#include <utility>

#include "core/error.hpp"
#include "core/execution_schedule.hpp"

using namespace convis;

namespace {

// Every output of the region appears exactly once and every event lies inside it.
void checkExactlyOnce(const Schedule& s, const Region& r) {
    std::set<std::pair<int, int>> seen;
    for (const OutputEvent& e : s.events) {
        CHECK(e.x >= r.x);
        CHECK(e.y >= r.y);
        CHECK(e.x < r.x + r.width);
        CHECK(e.y < r.y + r.height);
        CHECK(e.end > e.start);
        CHECK(seen.insert({e.x, e.y}).second);
    }
    CHECK(seen.size() == static_cast<std::size_t>(r.width * r.height));
}

}  // namespace

TEST_CASE("schedule: sequential is raster order, one output per step") {
    const Region r{3, 2, 7, 3};
    const Schedule s = sequentialSchedule(r);
    checkExactlyOnce(s, r);
    REQUIRE(s.events.size() == 21);
    CHECK(s.duration == 21.0);
    CHECK(s.events[0].x == 3);
    CHECK(s.events[0].y == 2);
    CHECK(s.events[7].x == 3);  // second row starts at step 7
    CHECK(s.events[7].y == 3);
    CHECK(s.events[7].start == 7.0);
}

TEST_CASE("schedule: thread bands cover every row once and run side by side") {
    for (int threads : {1, 2, 3, 5, 64}) {
        for (const Region r : {Region{0, 0, 1, 1}, Region{0, 0, 7, 3}, Region{5, 9, 37, 23}}) {
            const Schedule s = threadBandSchedule(r, threads);
            checkExactlyOnce(s, r);
            std::map<int, std::set<int>> rowsByThread;
            for (const OutputEvent& e : s.events) {
                rowsByThread[e.worker].insert(e.y);
            }
            std::set<int> allRows;
            for (const auto& [thread, rows] : rowsByThread) {
                // Each band is a contiguous run of rows, disjoint from the others.
                CHECK(*rows.rbegin() - *rows.begin() + 1 == static_cast<int>(rows.size()));
                for (int y : rows) {
                    CHECK(allRows.insert(y).second);
                }
            }
            CHECK(static_cast<int>(allRows.size()) == r.height);
            // The longest band decides the duration: ceil(h / T) rows of width steps.
            const int used = std::min(threads, r.height);
            CHECK(s.duration == doctest::Approx((r.height + used - 1) / used * r.width));
        }
    }
}

TEST_CASE("schedule: wave counts follow the formula for odd sizes and block shapes") {
    const GpuModel h200 = defaultGpuModel();
    const WaveFacts f = waveFacts(1921, 1081, {16, 16}, h200);
    CHECK(f.gridWidth == 121);  // ceil(1921 / 16)
    CHECK(f.gridHeight == 68);  // ceil(1081 / 16)
    CHECK(f.blocks == 121 * 68);
    CHECK(f.blocksPerSm == 8);  // 2048 threads / 256
    CHECK(f.concurrentBlocks == 132 * 8);
    CHECK(f.waves == (121 * 68 + 1055) / 1056);

    const WaveFacts small = waveFacts(7, 3, {32, 32}, h200);
    CHECK(small.blocks == 1);
    CHECK(small.blocksPerSm == 2);
    CHECK(small.waves == 1);

    const WaveFacts tiny = waveFacts(37, 23, {8, 8}, h200);
    CHECK(tiny.gridWidth == 5);
    CHECK(tiny.gridHeight == 3);
    CHECK(tiny.blocksPerSm == 32);  // limited by 32 blocks per SM, not by threads

    GpuModel measured = h200;
    measured.activeBlocksPerSm = 3;  // as the occupancy query would report for a heavy kernel
    CHECK(waveFacts(1921, 1081, {16, 16}, measured).concurrentBlocks == 396);
    CHECK_THROWS_AS(waveFacts(10, 10, {64, 32}, h200), InputError);
}

TEST_CASE("schedule: GPU waves compute each output once, blocks of a wave together") {
    const GpuModel small{"test GPU", 2, 256, 4, 0};  // 2 SMs x 1 block of 256 threads
    const Region r{10, 20, 37, 23};
    const Schedule s = gpuWaveSchedule(r, {16, 16}, small);
    checkExactlyOnce(s, r);
    // 3 x 2 blocks, 2 at a time: 3 waves.
    CHECK(s.duration == 3.0);
    for (const OutputEvent& e : s.events) {
        const int bx = (e.x - r.x) / 16;
        const int by = (e.y - r.y) / 16;
        CHECK(e.block == by * 3 + bx);
        CHECK(e.start == static_cast<double>((by * 3 + bx) / 2));
        const int thread = ((e.y - r.y) % 16) * 16 + (e.x - r.x) % 16;
        CHECK(e.warp == thread / 32);
        CHECK(e.lane == thread % 32);
    }
}

TEST_CASE("schedule: block trace round trip and malformed lines") {
    const std::vector<BlockRecord> records = {{0, 0, 5, 1000, 1800}, {1, 0, 7, 1100, 1900}};
    const auto parsed = parseBlockTrace(formatBlockTrace(records));
    REQUIRE(parsed.size() == 2);
    CHECK(parsed[1].sm == 7);
    CHECK(parsed[1].endNs == 1900);
    CHECK_THROWS_AS(parseBlockTrace("block_x,block_y,sm,start_ns,end_ns\n1,2,3\n"), InputError);
    CHECK_THROWS_AS(parseBlockTrace("1,2,3,40,x\n"), InputError);
    CHECK_THROWS_AS(parseBlockTrace("1,2,3,50,40\n"), InputError);  // ends before it starts
    CHECK_THROWS_AS(parseBlockTrace(""), InputError);
    try {
        parseBlockTrace("0,0,1,1,2\n0,0,1,1\n");
        FAIL("no exception");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()).find("line 2") != std::string::npos);
    }
}

TEST_CASE("schedule: measured timeline covers the region with real times") {
    // A 2 x 2 grid of 4 x 4 blocks over an 8 x 8 image.
    std::vector<BlockRecord> trace = {
        {0, 0, 3, 5000, 5400}, {1, 0, 9, 5100, 5600}, {0, 1, 3, 5400, 5900}, {1, 1, 1, 5000, 5300}};
    const Region r{2, 2, 5, 5};
    const Schedule s = measuredGpuSchedule(trace, r, {4, 4}, 132);
    checkExactlyOnce(s, r);
    CHECK(s.unit == ClockUnit::Nanoseconds);
    CHECK(s.duration == 900.0);  // 5900 - 5000
    for (const OutputEvent& e : s.events) {
        if (e.x >= 4 && e.y < 4) {
            CHECK(e.worker == 9);
            CHECK(e.start == 100.0);
        }
    }
    trace.pop_back();  // block (1, 1) missing: the region is not covered
    CHECK_THROWS_AS(measuredGpuSchedule(trace, r, {4, 4}, 132), InputError);
}
