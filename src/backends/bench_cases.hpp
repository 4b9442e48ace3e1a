// The benchmark's cases and its one measurement loop, shared by `convis bench`, `convis sweep`
// and the desktop app's sweep panel: kernels, noise images, and timing one backend on one case.
#pragma once

#include <atomic>
#include <string>

#include "backends/backend.hpp"
#include "core/conv_request.hpp"
#include "core/image.hpp"
#include "core/timing_report.hpp"

namespace convis {

struct BenchKernel {
    std::string name;  // "dense9", "densef9", "gaussian9" or a preset id
    ConvRequest request;
};

// A dense K x K kernel of small positive integers that is not rank 1, divided by its sum: it
// exercises the 2D path of every backend (a box would be taken apart by separable paths).
ConvRequest denseKernel(int k);
// The dense kernel with non-integer weights (0.1 w + 0.05).
ConvRequest denseFloatKernel(int k);
// A K x K Gaussian, the outer product of OpenCV's default 1D kernel for that size.
ConvRequest gaussianKernel(int k);
// Sets what every benchmark case shares: correlation (as OpenCV's filter2D), all four channels.
BenchKernel benchKernel(std::string name, ConvRequest request, BorderMode border);

Image noiseImage(int width, int height, unsigned seed);

// Times `warmup` cold and `samples` warm runs (stages "total", "process-cpu" and the backend's
// own), then the backend's kernel-only timing when it has one. options.cancel is passed to
// the backend and checked between runs: a cancelled case throws Cancelled and yields nothing.
TimingRecord measureCase(Backend& backend, const Image& input, const BenchKernel& kernel,
                         const RunOptions& options, int warmup, int samples);

}  // namespace convis
