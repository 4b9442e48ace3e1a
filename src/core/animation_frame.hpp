// Playing a schedule back: where the clock stands, what is done, and one frame of the region
// drawn as cells into an Image (so frames can be written without any window or GPU).
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "core/execution_schedule.hpp"
#include "core/image.hpp"

namespace convis {

// Schedule units per second of playback at speed 1x: one step per second for step clocks (the
// window visibly slides one output at a time), one microsecond of GPU time per second for
// measured clocks (a slowdown of a million).
double unitsPerSecondAt1x(ClockUnit unit);

// The clock after dtSeconds of real time at `speed` (0.1..10000), stopped at the duration.
double advanceClock(double time, double dtSeconds, double speed, ClockUnit unit, double duration);

struct PlaybackCounts {
    std::size_t done = 0;     // events with end <= time
    std::size_t running = 0;  // start <= time < end
    std::size_t total = 0;
};
PlaybackCounts countAt(const Schedule& schedule, double time);

// A distinct, readable colour for worker w (thread or SM); cycles after 24.
std::array<std::uint8_t, 3> workerColour(int worker);

// The region at time t, cellSize x cellSize pixels per output (>= 1): outputs done show their
// real value from `output` (the backend's full-size result) framed in their worker's colour
// when cells are at least 6 pixels; running outputs are filled with the worker's colour;
// pending ones are dark. Throws InputError when the region does not fit in `output`.
Image renderScheduleFrame(const Schedule& schedule, const Region& region, const Image& output,
                          double time, int cellSize);

// Pixels per output so the region is about `target` pixels across (at least 1).
int autoCellSize(const Region& region, int target = 512);

// The clock of frame `index` of `frames` spaced evenly from 0 to `duration` inclusive (a single
// frame shows the end), shared by every export so they agree on what frame i shows.
double evenFrameTime(double duration, int index, int frames);

// "frame_00042.png": the name of frame `index` (0-based) of a numbered sequence.
std::string frameFileName(int index);

}  // namespace convis
