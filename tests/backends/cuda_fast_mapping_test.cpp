// Who computes an output on cuda-fast, from the launch plan: every output of the image is
// covered exactly once by (block, thread, slot), and the blocks match the kernels' shapes.
#include <doctest/doctest.h>

#ifdef CONVIS_HAS_CUDA

#include <set>
#include <tuple>

#include "backends/cuda_plan.hpp"
#include "core/error.hpp"

using namespace convis;

namespace {

// A kernel that is not rank-1 (so the direct path runs) or a box (rank-1: the separable path).
ConvRequest requestFor(int w, int h, bool rankOne) {
    std::vector<float> weights;
    for (int i = 0; i < w * h; ++i) {
        // i % 7 - 3 plus the row index: rows that are never multiples of one another.
        weights.push_back(rankOne ? 1.0f : static_cast<float>(i % 7 - 3 + i / w));
    }
    ConvRequest r;
    r.kernel = Kernel(w, h, weights);
    return r;
}

// Checks the mapping of every output of a width x height image against the plan.
void checkCoverage(const CudaLaunchPlan& plan) {
    const int width = plan.params.width;
    const int height = plan.params.height;
    const FastBlockShape shape = fastBlockShape(plan);
    const int threads = shape.threadsX * shape.threadsY;
    const int slots = shape.outputsX * shape.outputsY;
    std::set<std::tuple<long long, int, int>> seen;
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            const FastComputer c = fastWhoComputes(plan, x, y);
            REQUIRE(c.blockX < c.gridWidth);
            REQUIRE(c.blockY < c.gridHeight);
            REQUIRE(c.threadX < shape.threadsX);
            REQUIRE(c.threadY < shape.threadsY);
            REQUIRE(c.slot < slots);
            const int linear = c.threadY * shape.threadsX + c.threadX;
            REQUIRE(linear < threads);
            REQUIRE(c.warp * 32 + c.lane == linear);
            // The kernels' own indexing. Direct: gx = x0 + tx * outputsX + o, gy = y0 + ty *
            // outputsY + o. Separable (one column a thread, 8 rows a step shared by the
            // threadsY threads of the column): output slot s of thread (tx, ty) at row y0 +
            // 8 (s / per) + per ty + s % per, per = 8 / threadsY.
            const int outW = shape.threadsX * shape.outputsX;
            const int outH = shape.threadsY * shape.outputsY;
            if (plan.separableOnTensorCores) {
                // Tensor cores: warp w owns columns 8w .. 8w + 7 of the block's 32; at step s,
                // lane 4g + q computes row 8s + g at columns 2q and 2q + 1 (slots 2s, 2s + 1).
                REQUIRE(c.tensorCores);
                REQUIRE(c.blockX * 32 + 8 * c.warp + 2 * (c.lane % 4) + c.slot % 2 == x);
                REQUIRE(c.blockY * outH + 8 * (c.slot / 2) + c.lane / 4 == y);
                REQUIRE(seen.insert({c.blockIndex, linear, c.slot}).second);
                continue;
            }
            REQUIRE(c.blockX * outW + c.threadX * shape.outputsX + c.slot % shape.outputsX == x);
            if (plan.separable) {
                const int per = 8 / shape.threadsY;
                REQUIRE(c.blockY * outH + 8 * (c.slot / per) + per * c.threadY + c.slot % per == y);
            } else {
                REQUIRE(c.blockY * outH + c.threadY * shape.outputsY + c.slot / shape.outputsX ==
                        y);
            }
            REQUIRE(seen.insert({c.blockIndex, linear, c.slot}).second);
        }
    }
    CHECK(seen.size() == static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
    const FastComputer last = fastWhoComputes(plan, width - 1, height - 1);
    CHECK(last.blockIndex == static_cast<long long>(last.gridWidth) * last.gridHeight - 1);
}

}  // namespace

TEST_CASE("cuda-fast mapping: direct path covers every output once, 16x16 or 8x32 threads") {
    for (bool lanes : {true, false}) {
        for (int kw : {1, 3, 5, 7, 9, 11, 15, 31}) {
            for (auto [w, h] : {std::pair{1, 1}, std::pair{127, 15}, std::pair{128, 16},
                                std::pair{300, 77}, std::pair{513, 260}}) {
                CAPTURE(lanes);
                CAPTURE(kw);
                CAPTURE(w);
                CAPTURE(h);
                RunOptions options;
                options.integerLanes = lanes;
                options.laneStream = false;  // the lane tile (the streaming kernel: below)
                const CudaLaunchPlan plan =
                    makeCudaLaunchPlan(CudaVariant::Fast, Image(w, h),
                                       requestFor(kw, kw == 1 ? 1 : 3, false), options);
                REQUIRE_FALSE(plan.separable);
                // Integer taps up to width 15 take the packed lanes (unless switched off), on
                // the same shapes as the float tile.
                REQUIRE((plan.lanes != nullptr) == (lanes && kw <= kMaxLanesWidth));
                const FastBlockShape shape = fastBlockShape(plan);
                CHECK(shape.threadsX == (kw <= 9 ? 16 : 8));
                CHECK(shape.threadsY == (kw <= 9 ? 16 : 32));
                CHECK(shape.outputsX == 8);
                CHECK(shape.threadsX * shape.outputsX == (kw <= 9 ? 128 : 64));
                CHECK(shape.outputsY == 1);
                checkCoverage(plan);
            }
        }
    }
}

TEST_CASE("cuda-fast mapping: streaming lanes cover every output once, 4 warps of strips") {
    for (int rows : kLanesStreamRows) {
        for (int k : {1, 3}) {
            for (auto [w, h] : {std::pair{1, 1}, std::pair{127, 15}, std::pair{129, 65},
                                std::pair{513, 260}, std::pair{640, 64}}) {
                CAPTURE(rows);
                CAPTURE(k);
                CAPTURE(w);
                CAPTURE(h);
                RunOptions options;
                options.laneStreamRows = rows;
                const CudaLaunchPlan plan = makeCudaLaunchPlan(CudaVariant::Fast, Image(w, h),
                                                               requestFor(k, k, false), options);
                REQUIRE(plan.lanes);
                REQUIRE(plan.laneStreamRows == rows);
                const FastBlockShape shape = fastBlockShape(plan);
                // The launch: 128 x 1 threads, each lane 4 adjacent columns down `rows` rows.
                CHECK(shape.threadsX == 128);
                CHECK(shape.threadsY == 1);
                CHECK(shape.outputsX == 4);
                CHECK(shape.outputsY == rows);
                checkCoverage(plan);
                // A lane's strip: warp w of block b starts at column 128 (4 b + w).
                const FastComputer c = fastWhoComputes(plan, w - 1, h - 1);
                CHECK((c.blockX * 4 + c.warp) * 128 + c.lane * 4 + c.slot % 4 == w - 1);
                CHECK(c.blockY * rows + c.slot / 4 == h - 1);
            }
        }
    }
}

TEST_CASE("cuda-fast mapping: separable path covers every output once, one column a thread") {
    for (int k : {3, 5, 15, 17, 31}) {
        for (auto [w, h] :
             {std::pair{1, 1}, std::pair{33, 130}, std::pair{300, 77}, std::pair{129, 520}}) {
            CAPTURE(k);
            CAPTURE(w);
            CAPTURE(h);
            RunOptions options;
            options.tensorCores = false;  // the FP32 kernel (the tensor-core one: below)
            const CudaLaunchPlan plan =
                makeCudaLaunchPlan(CudaVariant::Fast, Image(w, h), requestFor(k, k, true), options);
            REQUIRE(plan.separable);
            REQUIRE_FALSE(plan.separableOnTensorCores);
            const FastBlockShape shape = fastBlockShape(plan);
            // A block walks down a strip 128 columns wide up to 15 taps, one thread a column;
            // 64 above (the ring of row sums grows with K), two threads a column. Its height is
            // chosen for the image and the device (the default shape's without one).
            CHECK(shape.threadsX == (k <= 15 ? 128 : 64));
            CHECK(shape.threadsY == (k <= 15 ? 1 : 2));
            CHECK(shape.outputsX == 1);
            CHECK(shape.threadsY * shape.outputsY ==
                  separableStripRows(k, w, h, separableResidentBlocks(k)));
            CHECK(plan.separableStripRows % 8 == 0);
            checkCoverage(plan);
        }
    }
}

TEST_CASE("cuda-fast mapping: tensor-core separable path covers every output once") {
    // The plan takes the tensor cores only with a device that has them; the mapping is the
    // plan's either way, so it is checked here on plans switched to that kernel.
    for (int rows : {8, 64, 256}) {
        for (auto [w, h] : {std::pair{1, 1}, std::pair{7, 3}, std::pair{33, 130},
                            std::pair{300, 77}, std::pair{129, 520}}) {
            CAPTURE(rows);
            CAPTURE(w);
            CAPTURE(h);
            CudaLaunchPlan plan =
                makeCudaLaunchPlan(CudaVariant::Fast, Image(w, h), requestFor(9, 9, true), {});
            REQUIRE(plan.separable);
            plan.separableOnTensorCores = true;
            plan.separableStripRows = rows;
            const FastBlockShape shape = fastBlockShape(plan);
            CHECK(shape.threadsX * shape.threadsY == 128);  // four warps
            CHECK(shape.threadsX * shape.outputsX == 32);   // 8 columns a warp
            CHECK(shape.threadsY * shape.outputsY == rows);
            checkCoverage(plan);
        }
    }
}

TEST_CASE("cuda-fast: separable strip heights fill the GPU in few, full rounds") {
    // No device: the default shape's height.
    CHECK(separableStripRows(9, 7680, 4320, 0) == 128);
    CHECK(separableStripRows(31, 7680, 4320, 0) == 512);
    // 7680x4320, 60 strips across for 9 taps, 792 blocks at once (an H200): 39 strips down of
    // 112 rows, 2340 blocks in three rounds (the last 95% full), rather than 128 rows (2040
    // blocks, the last round 58% full) or one round of taller strips.
    CHECK(separableStripRows(9, 7680, 4320, 792) == 112);
    // 31 taps: 120 strips across, 396 at once: 13 strips down of 336 rows, 1560 blocks in four
    // rounds (the last 94% full).
    CHECK(separableStripRows(31, 7680, 4320, 396) == 336);
    // A small image: as many strips as possible (the GPU is far from full either way).
    CHECK(separableStripRows(9, 512, 512, 792) == 8);
    // The tensor-core kernel: 240 strips of 32 columns across at 8K; 16 rows of the band
    // repeated at 31 taps (2 row blocks each side), 8 at 9 taps.
    CHECK(tensorSeparableStripRows(31, 7680, 4320, 0) == 256);
    for (int k : {9, 31}) {
        const int rows = tensorSeparableStripRows(k, 7680, 4320, 528);
        const int strips = 240 * ((4320 + rows - 1) / rows);
        CAPTURE(k);
        CAPTURE(rows);
        CHECK(rows % 8 == 0);
        CHECK(strips >= 3 * 528);  // at least three rounds
    }
    // Always a multiple of 8, never taller than the image needs, at least one step.
    for (int h : {1, 7, 8, 9, 100, 1081}) {
        for (int resident : {1, 7, 132, 1000}) {
            const int rows = separableStripRows(5, 300, h, resident);
            CAPTURE(h);
            CAPTURE(resident);
            CHECK(rows % 8 == 0);
            CHECK(rows >= 8);
            CHECK(rows <= ((h + 7) / 8) * 8);
        }
    }
}

TEST_CASE("cuda-fast mapping: points outside the image are input errors") {
    const CudaLaunchPlan plan =
        makeCudaLaunchPlan(CudaVariant::Fast, Image(10, 10), requestFor(3, 3, false), {});
    CHECK_THROWS_AS(fastWhoComputes(plan, 10, 0), InputError);
    CHECK_THROWS_AS(fastWhoComputes(plan, 0, -1), InputError);
}

#endif
