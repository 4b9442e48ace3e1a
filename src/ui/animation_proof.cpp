// The animation panel's counters and proofs: whole-image step and wave counts, the
// shuffle-order proof, CPU vs GPU comparison and its difference map.
#include "ui/animation_panel.hpp"

#include <cmath>
#include <cstdio>

#include "core/animation_frame.hpp"
#include "core/order_proof.hpp"
#include "ui/animation_text.hpp"

namespace convis::ui {

using namespace anim;

void AnimationPanel::drawFacts(UiContext& context) {
    const AppState& state = context.state;
    // Whole-image facts: how many steps the CPU needs, how many waves the GPU.
    const int w = state.input->width();
    const int h = state.input->height();
    const RunOptions defaults;
    const GpuModel gpu = state.gpuTrace.trace ? state.gpuTrace.trace->gpu : defaultGpuModel();
    try {
        const WaveFacts f = waveFacts(w, h, {defaults.blockWidth, defaults.blockHeight}, gpu);
        ImGui::TextWrapped(
            "Whole image %dx%d: sequential needs %zu steps, the GPU %lld wave%s (%lld "
            "blocks of %dx%d, %lld at once = %d SMs x %d, %s)",
            w, h, state.input->pixelCount(), f.waves, f.waves == 1 ? "" : "s", f.blocks,
            defaults.blockWidth, defaults.blockHeight, f.concurrentBlocks, gpu.smCount,
            f.blocksPerSm, gpu.name.c_str());
    } catch (const std::exception& e) {
        ImGui::TextDisabled("%s", e.what());
    }
    if (m_mode == AnimationMode::GpuMeasured && state.gpuTrace.trace) {
        const TracedLaunch& t = *state.gpuTrace.trace;
        ImGui::TextWrapped(
            "Measured on %s: the whole launch took %.2f us (%zu blocks); the replay is "
            "slowed down %.0f times at this speed.",
            t.gpu.name.c_str(), t.elapsedNs / 1e3, t.blocks.size(),
            1e9 / (unitsPerSecondAt1x(ClockUnit::Nanoseconds) *
                   std::pow(10.0, static_cast<double>(m_speedLog10))));
    }
}

void AnimationPanel::drawProof(UiContext& context) {
    AppState& state = context.state;
    if (ImGui::Button("Shuffle order")) {
        try {
            const std::size_t n = static_cast<std::size_t>(m_region.width) *
                                  static_cast<std::size_t>(m_region.height);
            ++m_seed;
            std::vector<std::size_t> raster(n);
            for (std::size_t i = 0; i < n; ++i) {
                raster[i] = i;
            }
            const Image inRaster =
                convolveRegionInOrder(*state.input, state.request, m_region, raster);
            const Image shuffled = convolveRegionInOrder(*state.input, state.request, m_region,
                                                         randomPermutation(n, m_seed));
            const ImageDifference d = compareImages(inRaster, shuffled);
            char text[160];
            std::snprintf(text, sizeof text,
                          "%zu outputs in random order (seed %llu) vs raster order: %s (max "
                          "difference %d)",
                          n, static_cast<unsigned long long>(m_seed),
                          d.maxAbs == 0 && inRaster == shuffled ? "bit-identical" : "DIFFERENT",
                          d.maxAbs);
            m_proof = text;
            m_proofOk = inRaster == shuffled;
            m_mode = AnimationMode::Shuffled;
            m_time = 0.0;
            m_playing = true;
        } catch (const std::exception& e) {
            m_proof = e.what();
            m_proofOk = false;
        }
    }
    tooltip(
        "Compute the region's outputs in a random order and in raster order and compare "
        "them byte for byte; then play the shuffled order.");
    sameLineIfFits("Shuffle whole image");
    ImGui::BeginDisabled(state.orderProof.running);
    if (ImGui::Button("Shuffle whole image")) {
        context.commands.push(ProveOrderWholeImage{++m_seed});
    }
    ImGui::EndDisabled();
    tooltip(
        "The same proof over every pixel of the image, on a background thread: all outputs in "
        "raster order, then all in a random order, compared bit for bit.");
    sameLineIfFits(state.comparison.running ? "Comparing..." : "Compare CPU vs GPU");
    ImGui::BeginDisabled(state.comparison.running);
    if (ImGui::Button(state.comparison.running ? "Comparing..." : "Compare CPU vs GPU")) {
        context.commands.push(CompareBackends{});
    }
    ImGui::EndDisabled();
    tooltip(
        "Run cpu-sequential and cuda-naive on the whole image and compare: max absolute "
        "error, pixels that differ, PSNR. Without CUDA, the two CPU paths are compared.");
    if (!m_proof.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(
            m_proofOk ? ImVec4(0.4f, 0.9f, 0.4f, 1.0f) : ImVec4(1.0f, 0.5f, 0.4f, 1.0f), "%s",
            m_proof.c_str());
    }
    drawWholeImageProof(context);
    const BackendComparison& c = state.comparison;
    if (c.valid && !c.running) {
        const bool current = c.image == state.input && c.request == state.request;
        char psnr[32];
        if (std::isinf(c.psnr)) {
            std::snprintf(psnr, sizeof psnr, "infinite (identical)");
        } else {
            std::snprintf(psnr, sizeof psnr, "%.2f dB", c.psnr);
        }
        ImGui::Text("%s vs %s: max |error| %d, %zu of %zu pixels differ, PSNR %s%s",
                    c.first.c_str(), c.second.c_str(), c.maxAbs, c.differingPixels, c.pixels, psnr,
                    current ? "" : "  (for an earlier image or kernel)");
        if (!c.note.empty()) {
            ImGui::TextDisabled("%s", c.note.c_str());
        }
        if (current && c.map) {
            ImGui::SameLine();
            ImGui::Checkbox("Show difference", &m_showDifference);
            tooltip(
                "Draw the region's difference map below: |first - second| per channel, "
                "times 64, so a 1-step difference is clearly visible; black = identical.");
            if (m_showDifference) {
                drawDifference(*c.map);
            }
        }
    }
}

void AnimationPanel::drawWholeImageProof(UiContext& context) {
    const OrderProofState& proof = context.state.orderProof;
    if (proof.running) {
        char text[64];
        std::snprintf(text, sizeof text, "whole image: %.0f%% (%s pass)", proof.progress * 100.0,
                      proof.progress < 0.5 ? "raster-order" : "shuffled");
        ImGui::ProgressBar(static_cast<float>(proof.progress),
                           ImVec2(ImGui::GetFontSize() * 20.0f, 0.0f), text);
        ImGui::SameLine();
        if (ImGui::Button("Cancel proof")) {
            context.commands.push(CancelOrderProof{});
        }
        tooltip("Stop the whole-image proof; the region's result stays.");
        return;
    }
    if (!proof.error.empty()) {
        ImGui::TextDisabled("Whole-image proof: %s", proof.error.c_str());
        return;
    }
    if (!proof.valid || !proof.image) {
        return;
    }
    const bool current =
        proof.image == context.state.input && proof.request == context.state.request;
    const char* stale = current ? "" : "  (for an earlier image or kernel)";
    if (proof.identical) {
        ImGui::TextColored(ImVec4(0.4f, 0.9f, 0.4f, 1.0f),
                           "Whole image %dx%d, %zu outputs in random order (seed %llu) vs raster "
                           "order: bit-identical%s",
                           proof.image->width(), proof.image->height(), proof.pixels,
                           static_cast<unsigned long long>(proof.seed), stale);
    } else {
        ImGui::TextColored(ImVec4(1.0f, 0.5f, 0.4f, 1.0f),
                           "Whole image %dx%d, random order (seed %llu) vs raster order: "
                           "DIFFERENT, %zu of %zu pixels differ%s",
                           proof.image->width(), proof.image->height(),
                           static_cast<unsigned long long>(proof.seed), proof.differingPixels,
                           proof.pixels, stale);
    }
}

void AnimationPanel::drawDifference(const Image& map) {
    if (map.width() < m_region.x + m_region.width || map.height() < m_region.y + m_region.height) {
        return;
    }
    const float cell =
        std::clamp(std::floor(ImGui::GetFontSize() * 12.0f /
                              static_cast<float>(std::max(m_region.width, m_region.height))),
                   1.0f, 8.0f);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (int y = 0; y < m_region.height; ++y) {
        for (int x = 0; x < m_region.width; ++x) {
            const std::uint8_t* p = map.pixel(m_region.x + x, m_region.y + y);
            const ImVec2 a(at.x + static_cast<float>(x) * cell,
                           at.y + static_cast<float>(y) * cell);
            draw->AddRectFilled(a, ImVec2(a.x + cell, a.y + cell), IM_COL32(p[0], p[1], p[2], 255));
        }
    }
    ImGui::Dummy(ImVec2(static_cast<float>(m_region.width) * cell,
                        static_cast<float>(m_region.height) * cell));
    ImGui::SameLine();
    ImGui::TextDisabled("difference over the region (x%d)", BackendComparison::kDifferenceGain);
}

}  // namespace convis::ui
