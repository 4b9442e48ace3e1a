// Launchers for the convolution kernels that store their result into a CUDA surface (a mapped GL
// texture, or a CUDA array on the copy path). Plain C++: includes no CUDA header, so host code
// compiled by the C++ compiler can call them. The kernels are the ones of conv_naive.cuh,
// conv_tiled.cuh and conv_fast.cuh, instantiated with a surface store instead of a global one.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/border.hpp"

struct CUstream_st;  // cudaStream_t is CUstream_st*

namespace convis::kernels {

enum class SurfaceVariant : std::uint8_t {
    Naive,  // one thread per output pixel, every tap read from global memory
    Tiled,  // the block's input tile (with its halo) staged in shared memory
    Fast,   // float tile, 8 outputs per thread, compile-time kernel width
};

// The request as the launch sees it. Taps are in correlation order, row-major (see
// ConvRequest::correlationTaps()): on the host for the tiled and fast kernels (they travel as a
// kernel parameter), on the device for the naive one.
struct SurfaceRequest {
    const float* h_taps = nullptr;
    const float* d_taps = nullptr;
    int tapsWidth = 1;  // odd, 1..31
    int tapsHeight = 1;
    BorderMode border = BorderMode::Clamp;
    float divisor = 1.0f;
    float offset = 0.0f;
    bool absolute = false;
    std::uint8_t channelMask = 0x7;  // bit c set: channel c is filtered, else copied from the input
};

// The input: width x height RGBA8 on the device, rows `pitch` bytes apart, each row 16-byte
// aligned (cudaMallocPitch gives that).
struct SurfaceInput {
    const std::uint8_t* d_pixels = nullptr;
    std::size_t pitch = 0;
    int width = 0;
    int height = 0;
};

// Enqueues one launch on `stream` writing every pixel of the surface (a cudaSurfaceObject_t, an
// unsigned long long) over an RGBA8 array of the input's size. blockWidth/blockHeight apply to
// the naive and tiled kernels (each 8..32); the fast kernel picks its own shape. Returns the
// cudaError_t of the launch as an int (0 = success), having called cudaGetLastError().
int launchSurfaceConv(SurfaceVariant variant, const SurfaceInput& input,
                      const SurfaceRequest& request, unsigned long long surface, int blockWidth,
                      int blockHeight, CUstream_st* stream);

}  // namespace convis::kernels
