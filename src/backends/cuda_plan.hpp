// The CUDA launch plan: what a request becomes before any CUDA call (plain structs from
// kernels/launch.hpp), so it is testable without a GPU and shared by the host path and the tests.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "backends/backend.hpp"
#include "backends/cuda_tensor_bound.hpp"
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
    // With `separable`: output rows per strip of the fused kernel, chosen for this image and the
    // current device (separableStripRows or tensorSeparableStripRows; the default shape's
    // without a device).
    int separableStripRows = 0;
    // With `separable`: true where the tensor-core kernel runs it (launchTensorSeparableConv),
    // whose sums are off the exact ones by at most separableSumError (tensorSeparableError).
    bool separableOnTensorCores = false;
    double separableSumError = 0.0;
    // Fast variant, integer taps without a rank-1 path: the packed-lane kernel's taps, or null
    // where it does not apply (see configureLanes) and the float tile is used.
    std::unique_ptr<LaneTaps> lanes;
    // With lanes: > 0 where the register-streaming kernel runs them (launchLanesStreamConv), its
    // strip height in output rows; 0 for the lane tile (launchLanesConv).
    int laneStreamRows = 0;
    int blockWidth = 16;
    int blockHeight = 16;
};

// The rank-1 factors the fused separable kernel may use: for integer kernels only exact integer
// factors (so results stay bit-identical to the reference), otherwise Kernel::separable().
std::optional<SeparableTaps> separableTapsFor(const Kernel& taps);

// Rank-1 kernels shorter than this stay on the FP32 separable kernel: on the H200 the tensor-core
// kernel runs about 197 Gpix/s at every length up to 17 (its cost is the data movement, not the
// products), the FP32 one 271, 238 and 179 at lengths 3, 5 and 9 (docs/PERFORMANCE.md).
inline constexpr int kMinTensorSeparableLength = 9;

// Fills the packed-lane taps for integer taps (kernelWidth * kernelHeight, row-major): rows cut
// greedily into groups with 255 x (sum of |taps|) < 2^16 each, their biases, the flush rows and
// the base. Returns false, leaving the lanes unusable, where a single row exceeds that bound, the
// 32-bit sums could reach 2^23 (255 x sum of |taps| >= 2^23), a tap is not an integer, or the
// width is beyond kMaxLanesWidth.
bool configureLanes(LaneTaps& lanes, const std::vector<float>& taps, int width, int height);

// Whether the register-streaming lane kernel takes these lanes: one lane group, odd sides up to
// kMaxLanesStreamSide, and the integer post-op (the kernel holds only its four forms).
bool laneStreamFits(const LaneTaps& lanes, const ConvParams& params);

// Validates the request and block size (InputError) and builds the plan for a variant.
CudaLaunchPlan makeCudaLaunchPlan(CudaVariant variant, const Image& input,
                                  const ConvRequest& request, const RunOptions& options);

// Who computes output (x, y) on cuda-fast: the kernel the plan launches (separable or direct),
// its block shape, and where the output sits in it. slot: the output's index among the
// shape.outputsX * shape.outputsY outputs its thread computes, row-major (along x for the direct
// kernel, down the column for the separable one, 4 across and down the strip for the streaming
// lane kernel, 2 across and one row in 8 down the strip for the tensor-core one).
struct FastComputer {
    bool separable = false;
    bool tensorCores = false;  // the separable kernel on the tensor cores
    FastBlockShape shape;
    int gridWidth = 0;
    int gridHeight = 0;
    int blockX = 0;
    int blockY = 0;
    long long blockIndex = 0;  // linear, x fastest (launch order)
    int threadX = 0;
    int threadY = 0;
    int warp = 0;  // linear thread index / 32
    int lane = 0;  // linear thread index % 32
    int slot = 0;
};

// The block shape the fast variant launches for this plan.
FastBlockShape fastBlockShape(const CudaLaunchPlan& plan);

// Throws InputError for a point outside the plan's image.
FastComputer fastWhoComputes(const CudaLaunchPlan& plan, int x, int y);

}  // namespace convis
