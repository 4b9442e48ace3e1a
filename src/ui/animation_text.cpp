// Names, tooltips and small drawing helpers shared by the animation panel's files.
#include "ui/animation_text.hpp"

#include <cmath>
#include <cstdio>

namespace convis::ui::anim {

const char* modeLabel(AnimationMode mode) {
    switch (mode) {
        case AnimationMode::Sequential:
            return "Sequential";
        case AnimationMode::Threads:
            return "CPU threads";
        case AnimationMode::GpuWaves:
            return "GPU waves";
        case AnimationMode::GpuMeasured:
            return "GPU measured";
        case AnimationMode::Shuffled:
            return "Shuffled";
    }
    return "?";
}

const char* modeTooltip(AnimationMode mode) {
    switch (mode) {
        case AnimationMode::Sequential:
            return "cpu-sequential: one output after another in raster order, one per step.";
        case AnimationMode::Threads:
            return "cpu-parallel: each thread owns a band of rows of the whole image (the real "
                   "split for this machine's thread count) and walks it in raster order; all "
                   "threads step together.";
        case AnimationMode::GpuWaves:
            return "CUDA, one thread per output: the region as a launch of 16x16 blocks; as many "
                   "blocks as fit on the GPU at once (SMs x resident blocks per SM) form a wave, "
                   "and a wave takes one step. Colours are the SM a block is modelled on.";
        case AnimationMode::GpuMeasured:
            return "Replays a real traced launch over the whole image: each block's SM "
                   "(%smid) and start and end times (%globaltimer), slowed down. Needs a GPU.";
        case AnimationMode::Shuffled:
            return "The outputs in a random order: the result is the same, bit for bit.";
    }
    return "";
}

ImU32 toColour(const std::array<std::uint8_t, 3>& rgb, int alpha) {
    return IM_COL32(rgb[0], rgb[1], rgb[2], alpha);
}

std::string formatTime(double value, ClockUnit unit) {
    char text[64];
    if (unit == ClockUnit::Steps) {
        const double steps = std::floor(value);
        std::snprintf(text, sizeof text, "%.0f step%s", steps, steps == 1.0 ? "" : "s");
    } else if (value < 1e6) {
        std::snprintf(text, sizeof text, "%.2f us", value / 1e3);
    } else {
        std::snprintf(text, sizeof text, "%.3f ms", value / 1e6);
    }
    return text;
}

const char* modeName(AnimationMode mode) {
    switch (mode) {
        case AnimationMode::Sequential:
            return "sequential";
        case AnimationMode::Threads:
            return "threads";
        case AnimationMode::GpuWaves:
            return "gpu-waves";
        case AnimationMode::GpuMeasured:
            return "gpu-measured";
        case AnimationMode::Shuffled:
            return "shuffled";
    }
    return "animation";
}

void sameLineIfWidthFits(float width) {
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < width) {
        ImGui::NewLine();
    }
}

}  // namespace convis::ui::anim
