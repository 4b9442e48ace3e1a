// Schedule playback arithmetic and cell rendering.
#include "core/animation_frame.hpp"

#include <algorithm>
#include <cstdio>

#include "core/error.hpp"

namespace convis {

namespace {

constexpr std::array<std::uint8_t, 3> kPending{34, 37, 44};

void fillCell(Image& image, int cx, int cy, int cellSize, const std::uint8_t* rgb) {
    for (int y = cy * cellSize; y < (cy + 1) * cellSize; ++y) {
        for (int x = cx * cellSize; x < (cx + 1) * cellSize; ++x) {
            std::uint8_t* p = image.pixel(x, y);
            p[0] = rgb[0];
            p[1] = rgb[1];
            p[2] = rgb[2];
            p[3] = 255;
        }
    }
}

void frameCell(Image& image, int cx, int cy, int cellSize, const std::uint8_t* rgb) {
    const int x0 = cx * cellSize;
    const int y0 = cy * cellSize;
    for (int i = 0; i < cellSize; ++i) {
        for (const auto& [x, y] : {std::pair{x0 + i, y0}, std::pair{x0 + i, y0 + cellSize - 1},
                                   std::pair{x0, y0 + i}, std::pair{x0 + cellSize - 1, y0 + i}}) {
            // Half worker colour, half value: the worker shows, the value stays readable.
            std::uint8_t* p = image.pixel(x, y);
            for (int c = 0; c < 3; ++c) {
                p[c] = static_cast<std::uint8_t>((p[c] + rgb[c] + 1) / 2);
            }
        }
    }
}

}  // namespace

double unitsPerSecondAt1x(ClockUnit unit) {
    return unit == ClockUnit::Steps ? 1.0 : 1000.0;
}

double advanceClock(double time, double dtSeconds, double speed, ClockUnit unit, double duration) {
    const double next = time + std::max(dtSeconds, 0.0) * speed * unitsPerSecondAt1x(unit);
    return std::clamp(next, 0.0, std::max(duration, 0.0));
}

PlaybackCounts countAt(const Schedule& schedule, double time) {
    PlaybackCounts c;
    c.total = schedule.events.size();
    for (const OutputEvent& e : schedule.events) {
        if (e.end <= time) {
            ++c.done;
        } else if (e.start <= time) {
            ++c.running;
        }
    }
    return c;
}

std::array<std::uint8_t, 3> workerColour(int worker) {
    // Hues spaced by the golden angle, two lightness rings, so neighbours never look alike.
    static constexpr std::array<std::array<std::uint8_t, 3>, 24> kPalette{{
        {230, 25, 75},   {60, 180, 75},   {255, 225, 25},  {0, 130, 200},   {245, 130, 48},
        {145, 30, 180},  {70, 240, 240},  {240, 50, 230},  {210, 245, 60},  {250, 190, 212},
        {0, 128, 128},   {220, 190, 255}, {170, 110, 40},  {255, 250, 200}, {128, 0, 0},
        {170, 255, 195}, {128, 128, 0},   {255, 215, 180}, {0, 0, 128},     {128, 128, 128},
        {255, 99, 71},   {64, 224, 208},  {186, 85, 211},  {154, 205, 50},
    }};
    const std::size_t n = kPalette.size();
    const std::size_t i = static_cast<std::size_t>(worker < 0 ? -worker : worker) % n;
    return kPalette[i];
}

Image renderScheduleFrame(const Schedule& schedule, const Region& region, const Image& output,
                          double time, int cellSize) {
    if (region.width <= 0 || region.height <= 0 || region.x < 0 || region.y < 0 ||
        region.x + region.width > output.width() || region.y + region.height > output.height()) {
        throw InputError("animation region must lie inside the output image");
    }
    if (cellSize < 1 || static_cast<long long>(region.width) * cellSize > Image::kMaxSide ||
        static_cast<long long>(region.height) * cellSize > Image::kMaxSide) {
        throw InputError("cell size must be at least 1 and the frame at most 16384 pixels");
    }
    Image frame(region.width * cellSize, region.height * cellSize);
    for (int cy = 0; cy < region.height; ++cy) {
        for (int cx = 0; cx < region.width; ++cx) {
            fillCell(frame, cx, cy, cellSize, kPending.data());
        }
    }
    for (const OutputEvent& e : schedule.events) {
        if (e.start > time || e.x < region.x || e.y < region.y || e.x >= region.x + region.width ||
            e.y >= region.y + region.height) {
            continue;
        }
        const int cx = e.x - region.x;
        const int cy = e.y - region.y;
        const std::array<std::uint8_t, 3> worker = workerColour(e.worker);
        if (e.end <= time) {
            fillCell(frame, cx, cy, cellSize, output.pixel(e.x, e.y));
            if (cellSize >= 6) {
                frameCell(frame, cx, cy, cellSize, worker.data());
            }
        } else {
            fillCell(frame, cx, cy, cellSize, worker.data());
        }
    }
    return frame;
}

int autoCellSize(const Region& region, int target) {
    return std::max(1, target / std::max({region.width, region.height, 1}));
}

double evenFrameTime(double duration, int index, int frames) {
    if (frames <= 1) {
        return duration;
    }
    return duration * static_cast<double>(index) / static_cast<double>(frames - 1);
}

std::string frameFileName(int index) {
    char name[32];
    std::snprintf(name, sizeof name, "frame_%05d.png", index);
    return name;
}

}  // namespace convis
