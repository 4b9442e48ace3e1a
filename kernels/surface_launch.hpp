// Launchers for the convolution kernels that store their result into a CUDA surface (a mapped GL
// texture, or a CUDA array on the copy path). Plain C++: includes no CUDA header, so host code
// compiled by the C++ compiler can call them.
#pragma once

#include <cstdint>

#include "core/border.hpp"

struct CUstream_st;  // cudaStream_t is CUstream_st*

namespace convis::kernels {

enum class SurfaceVariant : std::uint8_t {
    Naive,  // one thread per output pixel, every tap read from global memory
    Tiled,  // the block's input tile (with its halo) and the taps staged in shared memory
    Fast,   // tiled, taps in constant memory, two output rows per thread, fused multiply-add
};

// The request as the device sees it. Taps are in correlation order, row-major (see
// ConvRequest::correlationTaps()), and live in device memory.
struct SurfaceRequest {
    const float* d_taps = nullptr;
    int tapsWidth = 1;  // odd, 1..31
    int tapsHeight = 1;
    BorderMode border = BorderMode::Clamp;
    float divisor = 1.0f;
    float offset = 0.0f;
    bool absolute = false;
    std::uint8_t channelMask = 0x7;  // bit c set: channel c is filtered, else copied from the input
};

// Where the result goes: a surface object (cudaSurfaceObject_t, an unsigned long long) over an
// RGBA8 2D array of exactly width x height.
struct SurfaceTarget {
    unsigned long long surface = 0;
    int width = 0;
    int height = 0;
};

// Enqueues one launch on `stream`. d_input is width x height tightly packed RGBA8 (256-byte
// aligned, as cudaMalloc returns it). Returns false, launching nothing, when the block shape is
// out of range (blockWidth * blockHeight must be 32..1024, each side 1..32) or the taps are
// larger than 31x31. Launch and execution errors are left for the caller's cudaGetLastError().
bool launchSurfaceConv(SurfaceVariant variant, const std::uint8_t* d_input,
                       const SurfaceRequest& request, const SurfaceTarget& target, int blockWidth,
                       int blockHeight, CUstream_st* stream);

// The (grid, block) shape a launch of this variant uses, for the schedule views: blocks in x and
// y, threads per block in x and y. Output rows per thread is 2 for Fast, else 1.
struct SurfaceLaunchShape {
    int gridX = 0;
    int gridY = 0;
    int blockX = 0;
    int blockY = 0;
    int rowsPerThread = 1;
};
SurfaceLaunchShape surfaceLaunchShape(SurfaceVariant variant, int width, int height, int blockWidth,
                                      int blockHeight);

}  // namespace convis::kernels
