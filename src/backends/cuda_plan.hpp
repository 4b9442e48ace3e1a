// The CUDA launch plan: what a request becomes before any CUDA call (plain structs from
// kernels/launch.hpp), so it is testable without a GPU and shared by the host path and the tests.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "backends/backend.hpp"
#include "kernels/launch.hpp"

namespace convis {

enum class CudaVariant { Naive, Tiled, Fast };

// A request turned into what the launchers take: plain structs, taps in correlation order,
// and for rank-1 kernels on the fast variant the two 1-D factors.
struct CudaLaunchPlan {
    ConvParams params;
    std::vector<float> taps;  // kernelWidth * kernelHeight, row-major
    std::unique_ptr<TapTable> table;
    std::optional<SeparableTaps> separable;
    int blockWidth = 16;
    int blockHeight = 16;
};

// The rank-1 factors the fused separable kernel may use: for integer kernels only exact integer
// factors (so results stay bit-identical to the reference), otherwise Kernel::separable().
std::optional<SeparableTaps> separableTapsFor(const Kernel& taps);

// Validates the request and block size (InputError) and builds the plan for a variant.
CudaLaunchPlan makeCudaLaunchPlan(CudaVariant variant, const Image& input,
                                  const ConvRequest& request, const RunOptions& options);

}  // namespace convis
