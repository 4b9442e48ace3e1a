// Execution orders as data: for a region of outputs, when each output is computed and by whom,
// on the sequential CPU, on CPU threads, in modelled GPU waves, or as measured on a real GPU.
// The animation only plays these back; nothing on screen is invented by the UI.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace convis {

struct Region {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
};

// One output pixel's computation: it runs over [start, end) on the schedule's clock.
struct OutputEvent {
    int x = 0;  // image coordinates
    int y = 0;
    double start = 0.0;
    double end = 0.0;
    int worker = 0;  // thread index (CPU) or SM id / wave slot (GPU): what the colour shows
    int block = -1;  // GPU: linear block index in launch order
    int warp = -1;   // GPU: warp within the block
    int lane = -1;   // GPU: lane within the warp
};

enum class ClockUnit { Steps, Nanoseconds };

struct Schedule {
    std::string title;  // e.g. "CPU sequential", "GPU waves (model: NVIDIA H200)"
    ClockUnit unit = ClockUnit::Steps;
    double duration = 0.0;            // end of the last event
    int workerCount = 0;              // distinct workers that may appear in events
    std::string workerName;           // "thread", "SM", "wave slot"
    std::vector<OutputEvent> events;  // sorted by start, then y, then x
};

// Raster order over the region, one output per step: what the sequential backend does.
Schedule sequentialSchedule(const Region& region);

// Static row bands, one per thread, each band in raster order, all threads stepping together:
// what cpu-parallel does (thread t owns rows [first, first + count) of the region).
Schedule threadBandSchedule(const Region& region, int threads);

// The same over a region of an image imageHeight rows tall, with the bands cpu-parallel really
// uses for the whole image (rowBands(imageHeight, threads)): each region output belongs to the
// thread whose band holds its row; each thread's steps count its own outputs of the region, in
// raster order. Throws InputError when the region does not fit in imageHeight rows.
Schedule threadBandSchedule(const Region& region, int threads, int imageHeight);

// The facts of a GPU that decide how many blocks run at once.
struct GpuModel {
    std::string name;
    int smCount = 0;
    int maxThreadsPerSm = 0;
    int maxBlocksPerSm = 0;
    // Resident blocks per SM for the kernel as launched; 0 = derive from the thread limits.
    // On a real GPU this comes from cudaOccupancyMaxActiveBlocksPerMultiprocessor.
    int activeBlocksPerSm = 0;
};

// The documented model used when no GPU is present: an NVIDIA H200 (Hopper, compute capability
// 9.0): 132 SMs, at most 2048 resident threads and 32 resident blocks per SM.
GpuModel defaultGpuModel();

struct LaunchShape {
    int blockWidth = 16;
    int blockHeight = 16;
};

struct WaveFacts {
    int gridWidth = 0;  // blocks in x, by ceiling division
    int gridHeight = 0;
    long long blocks = 0;
    int blocksPerSm = 0;
    long long concurrentBlocks = 0;  // SMs x blocks per SM
    long long waves = 0;             // ceil(blocks / concurrentBlocks)
};

// Grid and waves for an image of width x height outputs.
WaveFacts waveFacts(int width, int height, const LaunchShape& launch, const GpuModel& gpu);

// The region computed as its own launch (blocks tiled from the region's origin): each wave of
// concurrent blocks takes one step and every output of a wave's blocks is computed in it.
// Blocks are issued in launch order (x fastest) and a block's SM is modelled round-robin.
Schedule gpuWaveSchedule(const Region& region, const LaunchShape& launch, const GpuModel& gpu);

// One block of a traced launch: where it ran and when (from %smid and %globaltimer).
struct BlockRecord {
    int blockX = 0;
    int blockY = 0;
    int sm = 0;
    std::uint64_t startNs = 0;
    std::uint64_t endNs = 0;
};

// Parses the trace text "block_x,block_y,sm,start_ns,end_ns" (one header line, one block per
// line). Throws InputError naming the line on malformed input.
std::vector<BlockRecord> parseBlockTrace(const std::string& text);
std::string formatBlockTrace(const std::vector<BlockRecord>& records);

// The measured timeline restricted to the region's outputs, clock in ns from the first block's
// start over the whole launch. Throws InputError when the trace does not cover the region.
Schedule measuredGpuSchedule(const std::vector<BlockRecord>& trace, const Region& region,
                             const LaunchShape& launch, int smCount);

}  // namespace convis
