// Entry point of the GPU test suite: skips (exit code 77, which CTest reports as skipped) with
// the reason when no usable CUDA device is present, otherwise runs the doctest cases.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <iostream>

#include "backends/cuda_probe.hpp"

int main(int argc, char** argv) {
    const convis::CudaProbe probe = convis::probeCudaDevice();
    if (!probe.available) {
        std::cout << "skipped: no CUDA device: " << probe.reason << "\n";
        return 77;
    }
    std::cout << "CUDA device: " << probe.deviceName << " (compute capability "
              << probe.computeMajor << "." << probe.computeMinor << ", " << probe.multiprocessors
              << " SMs)\n";
    doctest::Context context(argc, argv);
    return context.run();
}
