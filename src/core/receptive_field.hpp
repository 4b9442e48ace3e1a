// The receptive field of one output pixel: its input window term by term, the outputs one input
// pixel influences, and which worker of each backend computes a given output.
#pragma once

#include <cstdint>
#include <vector>

#include "core/conv_request.hpp"
#include "core/execution_schedule.hpp"
#include "core/image.hpp"

namespace convis {

// One tap of an output's window: which input it reads and what it adds.
struct WindowTerm {
    int kx = 0;  // tap position in the correlation taps
    int ky = 0;
    int tapX = 0;  // the input coordinate the tap lands on, possibly outside the image
    int tapY = 0;
    int sourceX = -1;  // the pixel the border mode reads there; -1 when it reads zero
    int sourceY = -1;
    bool outside = false;  // tapX/tapY lies outside the image (the border mode decided)
    float weight = 0.0f;
    float value = 0.0f;    // the input value read (0 for a zero border)
    float product = 0.0f;  // weight * value, as float32
};

// The whole weighted sum for one channel of output (x, y), in the order every CPU path adds it
// (core/convolve_pixel.hpp), and the final byte. For a channel the request does not filter, the
// terms are still listed but `filtered` is false and `result` is the copied input byte.
struct WindowBreakdown {
    int x = 0;
    int y = 0;
    int channel = 0;
    std::vector<WindowTerm> terms;  // row-major over the taps
    float sum = 0.0f;               // float32, accumulated in term order
    bool filtered = true;
    std::uint8_t result = 0;
};

// Throws InputError for coordinates outside the image or a channel outside 0..3.
WindowBreakdown windowBreakdown(const Image& input, const ConvRequest& request, int x, int y,
                                int channel);

// The outputs whose windows read input pixel (inputX, inputY): every (x, y) with x in xs and
// y in ys (the window is a full rectangle of taps, so the set is a product of the two axes).
// Includes taps of weight zero: they read the pixel even if they add nothing. Sorted, unique.
struct Influence {
    std::vector<int> xs;
    std::vector<int> ys;
    std::size_t count() const { return xs.size() * ys.size(); }
};
Influence influencedOutputs(int inputX, int inputY, int width, int height, int kernelWidth,
                            int kernelHeight, BorderMode border);

// Who computes output (x, y) of a width x height image on each backend.
struct Computers {
    long long rasterIndex = 0;  // sequential: the step at which it is computed
    int thread = 0;             // cpu-parallel: the row band's thread (core/row_bands.hpp)
    int threadCount = 0;        // threads that got a band
    int bandFirstRow = 0;
    int bandRowCount = 0;
    int blockX = 0;  // CUDA, one thread per output: blockIdx
    int blockY = 0;
    long long blockIndex = 0;  // linear, x fastest (launch order)
    int gridWidth = 0;
    int gridHeight = 0;
    int threadX = 0;  // threadIdx
    int threadY = 0;
    int warp = 0;  // within the block: linear thread index / 32
    int lane = 0;  // linear thread index % 32
};

// threads: the resolved thread count of cpu-parallel (>= 1); launch: the CUDA block shape.
// Throws InputError for a point outside the image or a bad thread count or block shape.
Computers whoComputes(int x, int y, int width, int height, int threads, const LaunchShape& launch);

}  // namespace convis
