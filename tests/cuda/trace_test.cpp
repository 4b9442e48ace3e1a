// The traced kernel on a real GPU: every block recorded once, times ordered, SM ids below the
// SM count, the output equal to the sequential reference, and the replay built from it.
#include <doctest/doctest.h>

#include <set>
#include <utility>

#include "backends/cpu_sequential.hpp"
#include "backends/cuda_trace.hpp"
#include "core/kernel_presets.hpp"
#include "core/patterns.hpp"

using namespace convis;

TEST_CASE("trace: every block once, ordered times, real SM ids, exact output") {
    REQUIRE(cudaTraceAvailability().available);
    for (const auto& [w, h, bw, bh] :
         {std::tuple{1000, 700, 16, 16}, std::tuple{333, 97, 32, 8}, std::tuple{17, 9, 8, 8}}) {
        const Image input = makePattern("noise", w, h);
        const ConvRequest request = makePreset("gaussian5");
        RunOptions options;
        options.blockWidth = bw;
        options.blockHeight = bh;
        const TracedLaunch t = runTracedConvolution(input, request, options);
        const int gridW = (w + bw - 1) / bw;
        const int gridH = (h + bh - 1) / bh;
        CAPTURE(w);
        CAPTURE(h);
        REQUIRE(t.blocks.size() == static_cast<std::size_t>(gridW * gridH));
        std::set<std::pair<int, int>> seen;
        std::set<int> sms;
        for (const BlockRecord& b : t.blocks) {
            CHECK(seen.insert({b.blockX, b.blockY}).second);
            CHECK(b.blockX < gridW);
            CHECK(b.blockY < gridH);
            CHECK(b.startNs > 0);
            CHECK(b.endNs >= b.startNs);
            CHECK(b.sm >= 0);
            CHECK(b.sm < t.gpu.smCount);
            sms.insert(b.sm);
        }
        CHECK(t.gpu.activeBlocksPerSm >= 1);
        CHECK(t.elapsedNs > 0.0);
        if (gridW * gridH >= 4 * t.gpu.smCount) {
            CHECK(sms.size() > 1);  // a big grid spreads over more than one SM
        }
        Image expected;
        CpuSequentialBackend reference;
        reference.run(input, request, expected, {});
        CHECK(t.output == expected);  // integer weights with a divisor: exact
        // The trace text round-trips and the replay covers the whole image.
        const std::vector<BlockRecord> parsed = parseBlockTrace(formatBlockTrace(t.blocks));
        const Schedule s = measuredGpuSchedule(parsed, {0, 0, w, h}, t.launch, t.gpu.smCount);
        CHECK(s.events.size() == static_cast<std::size_t>(w * h));
        CHECK(s.duration <= t.elapsedNs);
    }
}
