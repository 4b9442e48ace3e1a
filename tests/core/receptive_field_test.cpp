// Inspector maths: window terms reproduce the real output, influence sets are the exact inverse
// of the windows, and who-computes agrees with the schedules and the CPU bands.
#include <doctest/doctest.h>

#include <set>
#include <utility>

#include "backends/cpu_sequential.hpp"
#include "core/border.hpp"
#include "core/error.hpp"
#include "core/kernel_presets.hpp"
#include "core/patterns.hpp"
#include "core/receptive_field.hpp"
#include "core/row_bands.hpp"

using namespace convis;

TEST_CASE("inspector: window terms sum to the sequential backend's output, every border") {
    const Image input = makePattern("noise", 23, 17);
    for (const char* preset : {"gaussian5", "sobel-x", "emboss", "sharpen"}) {
        for (BorderMode border : kAllBorderModes) {
            ConvRequest request = makePreset(preset);
            request.border = border;
            Image output;
            CpuSequentialBackend backend;
            backend.run(input, request, output, {});
            for (const auto& [x, y] : {std::pair{0, 0}, std::pair{22, 16}, std::pair{11, 8},
                                       std::pair{1, 16}, std::pair{22, 0}}) {
                for (int c = 0; c < kChannels; ++c) {
                    const WindowBreakdown b = windowBreakdown(input, request, x, y, c);
                    CAPTURE(preset);
                    CAPTURE(borderName(border));
                    CHECK(b.result == output.pixel(x, y)[c]);
                    CHECK(b.terms.size() == static_cast<std::size_t>(request.kernel.width() *
                                                                     request.kernel.height()));
                }
            }
        }
    }
}

TEST_CASE("inspector: out-of-image taps carry the border mode's value") {
    const Image input = makePattern("gradient", 8, 8);
    ConvRequest request = makePreset("box3");
    request.border = BorderMode::Zero;
    WindowBreakdown b = windowBreakdown(input, request, 0, 0, 0);
    const WindowTerm& corner = b.terms.front();
    CHECK(corner.outside);
    CHECK(corner.tapX == -1);
    CHECK(corner.tapY == -1);
    CHECK(corner.sourceX == -1);
    CHECK(corner.value == 0.0f);
    request.border = BorderMode::Clamp;
    b = windowBreakdown(input, request, 0, 0, 0);
    CHECK(b.terms.front().outside);
    CHECK(b.terms.front().sourceX == 0);
    CHECK(b.terms.front().value == static_cast<float>(input.pixel(0, 0)[0]));
    request.border = BorderMode::Wrap;
    b = windowBreakdown(input, request, 0, 0, 0);
    CHECK(b.terms.front().sourceX == 7);
    CHECK(b.terms.front().sourceY == 7);
    CHECK(!b.terms[4].outside);  // the centre tap
    CHECK_THROWS_AS(windowBreakdown(input, request, 8, 0, 0), InputError);
    CHECK_THROWS_AS(windowBreakdown(input, request, 0, 0, 4), InputError);
}

TEST_CASE("inspector: an unfiltered channel is copied, its terms still listed") {
    const Image input = makePattern("noise", 9, 9);
    ConvRequest request = makePreset("box3");
    const WindowBreakdown b = windowBreakdown(input, request, 4, 4, 3);  // alpha off by default
    CHECK(!b.filtered);
    CHECK(b.result == input.pixel(4, 4)[3]);
    CHECK(b.terms.size() == 9);
}

TEST_CASE("inspector: influenced outputs are exactly the outputs whose window reads the pixel") {
    for (BorderMode border : kAllBorderModes) {
        for (const auto& [w, h, kw, kh] :
             {std::tuple{9, 7, 3, 5}, std::tuple{5, 4, 7, 7}, std::tuple{1, 3, 5, 1}}) {
            const Image input(w, h);
            ConvRequest request;
            request.kernel =
                Kernel(kw, kh, std::vector<float>(static_cast<std::size_t>(kw * kh), 1));
            request.mode = KernelMode::Correlation;
            request.border = border;
            for (int iy = 0; iy < h; ++iy) {
                for (int ix = 0; ix < w; ++ix) {
                    const Influence inf = influencedOutputs(ix, iy, w, h, kw, kh, border);
                    std::set<std::pair<int, int>> expected;
                    for (int y = 0; y < h; ++y) {
                        for (int x = 0; x < w; ++x) {
                            for (const WindowTerm& t :
                                 windowBreakdown(input, request, x, y, 0).terms) {
                                if (t.sourceX == ix && t.sourceY == iy) {
                                    expected.insert({x, y});
                                }
                            }
                        }
                    }
                    std::set<std::pair<int, int>> got;
                    for (int y : inf.ys) {
                        for (int x : inf.xs) {
                            got.insert({x, y});
                        }
                    }
                    CAPTURE(borderName(border));
                    CAPTURE(ix);
                    CAPTURE(iy);
                    CHECK(got == expected);
                    CHECK(inf.count() == expected.size());
                }
            }
        }
    }
    CHECK_THROWS_AS(influencedOutputs(3, 0, 3, 3, 3, 3, BorderMode::Zero), InputError);
    CHECK_THROWS_AS(influencedOutputs(0, 0, 3, 3, 4, 3, BorderMode::Zero), InputError);
}

TEST_CASE("inspector: who computes matches raster order, the CPU bands and the CUDA grid") {
    const int w = 70;
    const int h = 45;
    const LaunchShape launch{16, 8};
    for (int threads : {1, 2, 7, 64}) {
        const std::vector<RowBand> bands = rowBands(h, threads);
        for (int y = 0; y < h; y += 4) {
            for (int x = 0; x < w; x += 9) {
                const Computers c = whoComputes(x, y, w, h, threads, launch);
                CHECK(c.rasterIndex == static_cast<long long>(y) * w + x);
                CHECK(c.thread == threadForRow(bands, y));
                CHECK(y >= c.bandFirstRow);
                CHECK(y < c.bandFirstRow + c.bandRowCount);
                CHECK(c.blockX * 16 + c.threadX == x);
                CHECK(c.blockY * 8 + c.threadY == y);
                CHECK(c.warp * 32 + c.lane == c.threadY * 16 + c.threadX);
                CHECK(c.gridWidth == 5);
                CHECK(c.gridHeight == 6);
            }
        }
    }
    // Agrees with the GPU wave schedule over the whole image for block, warp and lane.
    const Schedule s = gpuWaveSchedule({0, 0, w, h}, launch, defaultGpuModel());
    for (const OutputEvent& e : s.events) {
        const Computers c = whoComputes(e.x, e.y, w, h, 1, launch);
        CHECK(c.blockIndex == e.block);
        CHECK(c.warp == e.warp);
        CHECK(c.lane == e.lane);
    }
    CHECK_THROWS_AS(whoComputes(70, 0, w, h, 1, launch), InputError);
    CHECK_THROWS_AS(whoComputes(0, 0, w, h, 0, launch), InputError);
}
