// Builds execution schedules from launch facts and traces.
#include "core/execution_schedule.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <sstream>

#include "core/error.hpp"
#include "core/row_bands.hpp"

namespace convis {

namespace {

void checkRegion(const Region& region) {
    if (region.width <= 0 || region.height <= 0 || region.x < 0 || region.y < 0) {
        throw InputError("schedule region must have a positive size and a non-negative origin");
    }
}

void sortEvents(Schedule& schedule) {
    std::sort(schedule.events.begin(), schedule.events.end(),
              [](const OutputEvent& a, const OutputEvent& b) {
                  if (a.start != b.start) {
                      return a.start < b.start;
                  }
                  return a.y != b.y ? a.y < b.y : a.x < b.x;
              });
    schedule.duration = 0.0;
    for (const OutputEvent& e : schedule.events) {
        schedule.duration = std::max(schedule.duration, e.end);
    }
}

long long ceilDiv(long long a, long long b) {
    return (a + b - 1) / b;
}

}  // namespace

Schedule sequentialSchedule(const Region& region) {
    checkRegion(region);
    Schedule s{"CPU sequential", ClockUnit::Steps, 0.0, 1, "thread", {}};
    s.events.reserve(static_cast<std::size_t>(region.width) *
                     static_cast<std::size_t>(region.height));
    double step = 0.0;
    for (int y = 0; y < region.height; ++y) {
        for (int x = 0; x < region.width; ++x) {
            s.events.push_back({region.x + x, region.y + y, step, step + 1.0, 0, -1, -1, -1});
            step += 1.0;
        }
    }
    sortEvents(s);
    return s;
}

namespace {

// Thread t computes the rows of bands[t] (image rows) that fall inside the region, in raster
// order, one output per step on its own clock.
Schedule bandSchedule(const Region& region, int threads, const std::vector<RowBand>& bands) {
    Schedule s{"CPU threads (" + std::to_string(threads) + ")",
               ClockUnit::Steps,
               0.0,
               static_cast<int>(bands.size()),
               "thread",
               {}};
    for (const RowBand& band : bands) {
        double step = 0.0;
        const int first = std::max(band.firstRow, region.y);
        const int last = std::min(band.firstRow + band.rowCount, region.y + region.height);
        for (int y = first; y < last; ++y) {
            for (int x = region.x; x < region.x + region.width; ++x) {
                s.events.push_back({x, y, step, step + 1.0, band.thread, -1, -1, -1});
                step += 1.0;
            }
        }
    }
    sortEvents(s);
    return s;
}

}  // namespace

Schedule threadBandSchedule(const Region& region, int threads) {
    checkRegion(region);
    if (threads < 1) {
        throw InputError("thread count must be at least 1");
    }
    // The region taken as the whole image: the bands split its own rows.
    std::vector<RowBand> bands = rowBands(region.height, threads);
    for (RowBand& band : bands) {
        band.firstRow += region.y;
    }
    return bandSchedule(region, threads, bands);
}

Schedule threadBandSchedule(const Region& region, int threads, int imageHeight) {
    checkRegion(region);
    if (threads < 1) {
        throw InputError("thread count must be at least 1");
    }
    if (region.y + region.height > imageHeight) {
        throw InputError("region reaches below the image");
    }
    // The bands cpu-parallel really uses (core/row_bands.hpp), over the whole image's rows.
    return bandSchedule(region, threads, rowBands(imageHeight, threads));
}

GpuModel defaultGpuModel() {
    return {"NVIDIA H200 (model)", 132, 2048, 32, 0};
}

WaveFacts waveFacts(int width, int height, const LaunchShape& launch, const GpuModel& gpu) {
    if (width <= 0 || height <= 0) {
        throw InputError("image size must be positive");
    }
    if (launch.blockWidth <= 0 || launch.blockHeight <= 0 ||
        launch.blockWidth * launch.blockHeight > 1024) {
        throw InputError("block must have 1 to 1024 threads");
    }
    if (gpu.smCount <= 0 || gpu.maxThreadsPerSm <= 0 || gpu.maxBlocksPerSm <= 0) {
        throw InputError("GPU model needs SMs, threads per SM and blocks per SM");
    }
    WaveFacts f;
    f.gridWidth = static_cast<int>(ceilDiv(width, launch.blockWidth));
    f.gridHeight = static_cast<int>(ceilDiv(height, launch.blockHeight));
    f.blocks = static_cast<long long>(f.gridWidth) * f.gridHeight;
    const int threadsPerBlock = launch.blockWidth * launch.blockHeight;
    f.blocksPerSm =
        gpu.activeBlocksPerSm > 0
            ? gpu.activeBlocksPerSm
            : std::max(1, std::min(gpu.maxBlocksPerSm, gpu.maxThreadsPerSm / threadsPerBlock));
    f.concurrentBlocks = static_cast<long long>(gpu.smCount) * f.blocksPerSm;
    f.waves = ceilDiv(f.blocks, f.concurrentBlocks);
    return f;
}

Schedule gpuWaveSchedule(const Region& region, const LaunchShape& launch, const GpuModel& gpu) {
    checkRegion(region);
    const WaveFacts facts = waveFacts(region.width, region.height, launch, gpu);
    Schedule s{"GPU waves (" + gpu.name + ")", ClockUnit::Steps, 0.0, gpu.smCount, "SM", {}};
    for (int by = 0; by < facts.gridHeight; ++by) {
        for (int bx = 0; bx < facts.gridWidth; ++bx) {
            const long long block = static_cast<long long>(by) * facts.gridWidth + bx;
            const double wave = static_cast<double>(block / facts.concurrentBlocks);
            const int sm = static_cast<int>((block % facts.concurrentBlocks) % gpu.smCount);
            for (int ty = 0; ty < launch.blockHeight; ++ty) {
                for (int tx = 0; tx < launch.blockWidth; ++tx) {
                    const int x = bx * launch.blockWidth + tx;
                    const int y = by * launch.blockHeight + ty;
                    if (x >= region.width || y >= region.height) {
                        continue;  // threads past the edge exit without writing
                    }
                    const int thread = ty * launch.blockWidth + tx;
                    s.events.push_back({region.x + x, region.y + y, wave, wave + 1.0, sm,
                                        static_cast<int>(block), thread / 32, thread % 32});
                }
            }
        }
    }
    sortEvents(s);
    return s;
}

std::vector<BlockRecord> parseBlockTrace(const std::string& text) {
    std::vector<BlockRecord> records;
    std::istringstream in(text);
    std::string line;
    int lineNumber = 0;
    while (std::getline(in, line)) {
        ++lineNumber;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line.empty() || line[0] == '#' || line.rfind("block_x", 0) == 0) {
            continue;
        }
        std::uint64_t fields[5] = {};
        const char* p = line.data();
        const char* end = line.data() + line.size();
        for (int i = 0; i < 5; ++i) {
            auto [next, ec] = std::from_chars(p, end, fields[i]);
            if (ec != std::errc() || (i < 4 && (next == end || *next != ',')) ||
                (i == 4 && next != end)) {
                throw InputError("block trace line " + std::to_string(lineNumber) +
                                 ": expected block_x,block_y,sm,start_ns,end_ns");
            }
            p = next + 1;
        }
        if (fields[0] > 1u << 30 || fields[1] > 1u << 30 || fields[2] > 4096 ||
            fields[4] < fields[3]) {
            throw InputError("block trace line " + std::to_string(lineNumber) +
                             ": values out of range (end before start?)");
        }
        records.push_back({static_cast<int>(fields[0]), static_cast<int>(fields[1]),
                           static_cast<int>(fields[2]), fields[3], fields[4]});
    }
    if (records.empty()) {
        throw InputError("block trace holds no blocks");
    }
    return records;
}

std::string formatBlockTrace(const std::vector<BlockRecord>& records) {
    std::string out = "block_x,block_y,sm,start_ns,end_ns\n";
    for (const BlockRecord& r : records) {
        out += std::to_string(r.blockX) + "," + std::to_string(r.blockY) + "," +
               std::to_string(r.sm) + "," + std::to_string(r.startNs) + "," +
               std::to_string(r.endNs) + "\n";
    }
    return out;
}

Schedule measuredGpuSchedule(const std::vector<BlockRecord>& trace, const Region& region,
                             const LaunchShape& launch, int smCount) {
    checkRegion(region);
    if (trace.empty()) {
        throw InputError("block trace holds no blocks");
    }
    std::uint64_t origin = std::numeric_limits<std::uint64_t>::max();
    for (const BlockRecord& r : trace) {
        origin = std::min(origin, r.startNs);
    }
    Schedule s{"GPU measured", ClockUnit::Nanoseconds, 0.0, smCount, "SM", {}};
    int gridWidth = 0;  // of the traced launch, for linear block indices
    for (const BlockRecord& r : trace) {
        gridWidth = std::max(gridWidth, r.blockX + 1);
    }
    std::vector<char> covered(
        static_cast<std::size_t>(region.width) * static_cast<std::size_t>(region.height), 0);
    for (const BlockRecord& r : trace) {
        const int x0 = r.blockX * launch.blockWidth;
        const int y0 = r.blockY * launch.blockHeight;
        for (int ty = 0; ty < launch.blockHeight; ++ty) {
            for (int tx = 0; tx < launch.blockWidth; ++tx) {
                const int x = x0 + tx;
                const int y = y0 + ty;
                if (x < region.x || y < region.y || x >= region.x + region.width ||
                    y >= region.y + region.height) {
                    continue;
                }
                char& seen = covered[static_cast<std::size_t>(y - region.y) *
                                         static_cast<std::size_t>(region.width) +
                                     static_cast<std::size_t>(x - region.x)];
                if (seen != 0) {
                    throw InputError("block trace lists block (" + std::to_string(r.blockX) + ", " +
                                     std::to_string(r.blockY) + ") twice");
                }
                seen = 1;
                const int thread = ty * launch.blockWidth + tx;
                s.events.push_back({x, y, static_cast<double>(r.startNs - origin),
                                    static_cast<double>(r.endNs - origin), r.sm,
                                    r.blockY * gridWidth + r.blockX, thread / 32, thread % 32});
            }
        }
    }
    if (std::find(covered.begin(), covered.end(), 0) != covered.end()) {
        throw InputError("block trace does not cover the whole region");
    }
    sortEvents(s);
    return s;
}

}  // namespace convis
