// The benchmark kernels, shared by `convis bench`, the CUDA driver and the NPP peer so all filter
// with the same weights: a dense K x K integer kernel that is not rank 1, and a separable Gaussian.
#pragma once

#include <cmath>
#include <vector>

namespace convis::bench {

// Small positive integers with no rank-1 structure; divided by their sum.
inline std::vector<int> denseWeights(int k) {
    std::vector<int> w;
    for (int y = 0; y < k; ++y) {
        for (int x = 0; x < k; ++x) {
            w.push_back(1 + (x * 3 + y * 5 + x * y) % 7);
        }
    }
    return w;
}

// 1-D Gaussian with OpenCV's default sigma for the size, normalised to sum 1.
inline std::vector<float> gaussianFactor(int k) {
    const double sigma = 0.3 * ((k - 1) * 0.5 - 1.0) + 0.8;
    std::vector<double> g;
    double total = 0.0;
    for (int i = 0; i < k; ++i) {
        const double d = i - (k - 1) / 2;
        g.push_back(std::exp(-d * d / (2.0 * sigma * sigma)));
        total += g.back();
    }
    std::vector<float> result;
    for (double v : g) {
        result.push_back(static_cast<float>(v / total));
    }
    return result;
}

// Roofline on the H200 for RGBA8: min(copy ceiling, fp32 peak / flops per pixel), Gpix/s.
inline double rooflineGpix(double flopsPerPixel) {
    constexpr double kCopyCeilingGpix = 472.0;  // 16-byte copy kernel, 7680x4320, cold buffers
    constexpr double kFp32PeakGflops = 66.9e3;  // 132 SMs x 128 lanes x 2 x 1.98 GHz
    return std::fmin(kCopyCeilingGpix, kFp32PeakGflops / flopsPerPixel);
}

// Flops per RGBA pixel: 4 channels x (multiply + add) per tap.
inline double denseFlops(int k) {
    return 8.0 * k * k;
}
inline double separableFlops(int k) {
    return 8.0 * 2 * k;
}

}  // namespace convis::bench
