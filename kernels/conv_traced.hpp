// Host-callable launcher of the traced convolution: plain C++ declarations, no CUDA header.
#pragma once

#include <cstdint>

#include "launch.hpp"

namespace convis {

// What one block of the traced launch writes about itself: %smid and %globaltimer (ns) read by
// its first thread at entry and, after a barrier, at exit. `written` is 1 once the block ran.
struct TracedBlockSlot {
    std::uint64_t startNs;
    std::uint64_t endNs;
    std::uint32_t sm;
    std::uint32_t written;
    std::uint32_t blockX;
    std::uint32_t blockY;
};

// The naive kernel's maths (one thread per output, taps from global memory) plus the trace;
// d_slots holds gridWidth * gridHeight slots, indexed by blockIdx.y * gridDim.x + blockIdx.x.
// Returns the cudaError_t of the launch as an int (0 = success).
int launchTracedConv(const ConvParams& params, const float* d_taps, const std::uint8_t* d_in,
                     std::uint8_t* d_out, int blockWidth, int blockHeight, TracedBlockSlot* d_slots,
                     CUstream_st* stream);

// Resident blocks per SM of the traced kernel at this block size
// (cudaOccupancyMaxActiveBlocksPerMultiprocessor); returns the cudaError_t as an int.
int tracedConvOccupancy(int blockWidth, int blockHeight, int* blocksPerSm);

}  // namespace convis
