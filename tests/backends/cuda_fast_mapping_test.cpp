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
            // The kernels' own indexing: gx = x0 + tx * outputsX + o, gy = y0 + ty * outputsY + o.
            const int outW = shape.threadsX * shape.outputsX;
            const int outH = shape.threadsY * shape.outputsY;
            REQUIRE(c.blockX * outW + c.threadX * shape.outputsX + c.slot % shape.outputsX == x);
            REQUIRE(c.blockY * outH + c.threadY * shape.outputsY + c.slot / shape.outputsX == y);
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

TEST_CASE("cuda-fast mapping: separable path covers every output once, 32x8 threads") {
    for (int k : {3, 5, 15, 17, 31}) {
        for (auto [w, h] : {std::pair{1, 1}, std::pair{33, 130}, std::pair{300, 77}}) {
            CAPTURE(k);
            CAPTURE(w);
            CAPTURE(h);
            const CudaLaunchPlan plan =
                makeCudaLaunchPlan(CudaVariant::Fast, Image(w, h), requestFor(k, k, true), {});
            REQUIRE(plan.separable);
            const FastBlockShape shape = fastBlockShape(plan);
            CHECK(shape.threadsX == 32);
            CHECK(shape.threadsY == 8);
            CHECK(shape.outputsX == 1);
            // The band (outputs plus the halo rows) stays within 64 rows up to 15 taps, else 128.
            const int band = shape.threadsY * shape.outputsY + k - 1;
            CHECK(band <= (k <= 15 ? 64 : 128));
            CHECK(band > (k <= 15 ? 64 : 128) - shape.threadsY);
            checkCoverage(plan);
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
