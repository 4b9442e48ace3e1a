// The CUDA backends are always listed; where they cannot run they say why and refuse to run
// with a BackendError instead of crashing. Needs no GPU.
#include <doctest/doctest.h>

#include "backends/registry.hpp"
#include "core/error.hpp"
#include "core/kernel_presets.hpp"
#ifdef CONVIS_HAS_CUDA
#include "backends/cuda_probe.hpp"
#endif

using namespace convis;

TEST_CASE("cuda backends: listed, and unavailable ones give a reason and refuse to run") {
    BackendRegistry registry;
    int cudaBackends = 0;
    for (const auto& backend : registry.backends()) {
        const BackendInfo info = backend->info();
        if (info.kind != BackendKind::Cuda) {
            continue;
        }
        ++cudaBackends;
        INFO(info.id << ": " << info.reason);
        if (!info.available) {
            CHECK_FALSE(info.reason.empty());
            Image output;
            CHECK_THROWS_AS(backend->run(Image(4, 4), makePreset("box3"), output, {}),
                            BackendError);
        } else {
            CHECK(info.reason.empty());
        }
    }
    CHECK(cudaBackends == 3);
    CHECK(registry.find("cuda-naive") != nullptr);
    CHECK(registry.find("cuda-tiled") != nullptr);
    CHECK(registry.find("cuda-fast") != nullptr);
}

#ifdef CONVIS_HAS_CUDA
TEST_CASE("cuda backends: availability follows the device probe") {
    const CudaProbe probe = probeCudaDevice();
    CHECK(probe.available == probe.reason.empty());
    BackendRegistry registry;
    const BackendInfo info = registry.find("cuda-fast")->info();
    CHECK(info.available == probe.available);
    CHECK(info.reason == probe.reason);
}
#endif
