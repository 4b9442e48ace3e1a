// Animation panel.
#include "ui/animation_panel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>

#include "core/animation_frame.hpp"
#include "core/order_proof.hpp"
#include "core/row_bands.hpp"

namespace convis::ui {

namespace {

constexpr int kDefaultSide = 32;
constexpr int kMaxRegionSide = 512;       // larger regions would hold millions of events
constexpr int kMaxCellsPerSide = 64;      // beyond this, cells group several outputs (overview)
constexpr double kMaxFrameSeconds = 0.1;  // a long stall does not jump the clock
constexpr float kHeaderLines = 2.0f;      // title and counters above each track

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

ImU32 toColour(const std::array<std::uint8_t, 3>& rgb, int alpha = 255) {
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

// SameLine when `width` more pixels fit on this line, else a new line.
void sameLineIfFits(float width) {
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < width) {
        ImGui::NewLine();
    }
}

}  // namespace

bool parseAnimationMode(const std::string& name, AnimationMode& mode) {
    const std::pair<const char*, AnimationMode> names[] = {
        {"sequential", AnimationMode::Sequential}, {"threads", AnimationMode::Threads},
        {"gpu-waves", AnimationMode::GpuWaves},    {"gpu-measured", AnimationMode::GpuMeasured},
        {"shuffled", AnimationMode::Shuffled},
    };
    for (const auto& [text, value] : names) {
        if (name == text) {
            mode = value;
            return true;
        }
    }
    return false;
}

AnimationPanel::AnimationPanel() : Panel("Animation") {}

void AnimationPanel::configure(AnimationMode mode, double fraction, bool playing) {
    m_mode = mode;
    m_pendingFraction = std::clamp(fraction, 0.0, 1.0);
    m_playing = playing;
}

void AnimationPanel::setRegion(const Region& region) {
    m_region = region;
    m_regionSet = true;
}

double AnimationPanel::duration() const {
    return std::max(m_primary.schedule.duration,
                    m_reference.schedule.events.empty() ? 0.0 : m_reference.schedule.duration);
}

double AnimationPanel::stepBoundary(bool forward) const {
    // The next (or previous) moment something starts or ends: one output in raster order, one
    // wave, one block boundary of the measured trace.
    double best = forward ? duration() : 0.0;
    for (const Track* track : {&m_primary, &m_reference}) {
        for (const OutputEvent& e : track->schedule.events) {
            for (double t : {e.start, e.end}) {
                if (forward && t > m_time + 1e-9) {
                    best = std::min(best, t);
                } else if (!forward && t < m_time - 1e-9) {
                    best = std::max(best, t);
                }
            }
        }
    }
    return best;
}

void AnimationPanel::rebuild(UiContext& context) {
    const AppState& state = context.state;
    const int w = state.input->width();
    const int h = state.input->height();
    if (!m_regionSet) {
        m_region =
            Region{std::max(0, w / 2 - kDefaultSide / 2), std::max(0, h / 2 - kDefaultSide / 2),
                   std::min(kDefaultSide, w), std::min(kDefaultSide, h)};
    }
    m_region.width = std::clamp(m_region.width, 1, std::min(w, kMaxRegionSide));
    m_region.height = std::clamp(m_region.height, 1, std::min(h, kMaxRegionSide));
    m_region.x = std::clamp(m_region.x, 0, w - m_region.width);
    m_region.y = std::clamp(m_region.y, 0, h - m_region.height);
    const TracedLaunch* trace = state.gpuTrace.trace.get();
    const bool sameRegion = m_builtRegion.x == m_region.x && m_builtRegion.y == m_region.y &&
                            m_builtRegion.width == m_region.width &&
                            m_builtRegion.height == m_region.height;
    if (m_built && sameRegion && m_builtWidth == w && m_builtHeight == h && m_builtMode == m_mode &&
        m_builtTrace == trace && m_builtSeed == m_seed && m_builtInput == state.input.get() &&
        m_builtRequest == state.request &&
        m_reference.schedule.events.empty() ==
            !(m_sideBySide && m_mode != AnimationMode::Sequential &&
              m_mode != AnimationMode::GpuMeasured)) {
        return;
    }
    m_built = true;
    m_builtWidth = w;
    m_builtHeight = h;
    m_builtRegion = m_region;
    m_builtMode = m_mode;
    m_builtTrace = trace;
    m_builtInput = state.input.get();
    m_builtRequest = state.request;
    m_builtSeed = m_seed;
    m_error.clear();
    m_primary = Track{};
    m_reference = Track{};
    const RunOptions defaults;
    const LaunchShape launch{defaults.blockWidth, defaults.blockHeight};
    try {
        switch (m_mode) {
            case AnimationMode::Sequential:
                m_primary.schedule = sequentialSchedule(m_region);
                break;
            case AnimationMode::Threads:
                m_primary.schedule = threadBandSchedule(
                    m_region, resolveThreadCount(defaults.threads, hardwareThreadCount()), h);
                break;
            case AnimationMode::GpuWaves:
                m_primary.schedule =
                    gpuWaveSchedule(m_region, launch, trace ? trace->gpu : defaultGpuModel());
                break;
            case AnimationMode::GpuMeasured:
                if (trace != nullptr && (state.gpuTrace.image != state.input ||
                                         !(state.gpuTrace.request == state.request))) {
                    m_error = "the trace is of another image or kernel: press Run GPU trace";
                } else if (trace == nullptr) {
                    m_error = state.gpuTrace.available
                                  ? "no trace yet: press Run GPU trace"
                                  : "GPU measured needs a GPU: " + state.gpuTrace.reason;
                } else {
                    m_primary.schedule = measuredGpuSchedule(trace->blocks, m_region, trace->launch,
                                                             trace->gpu.smCount);
                }
                break;
            case AnimationMode::Shuffled:
                m_primary.schedule = shuffledSchedule(m_region, m_seed);
                break;
        }
        if (m_sideBySide && m_mode != AnimationMode::Sequential &&
            m_mode != AnimationMode::GpuMeasured) {
            m_reference.schedule = sequentialSchedule(m_region);
        }
    } catch (const std::exception& e) {
        m_error = e.what();
        m_primary = Track{};
        m_reference = Track{};
    }
    const std::size_t cells =
        static_cast<std::size_t>(m_region.width) * static_cast<std::size_t>(m_region.height);
    for (Track* track : {&m_primary, &m_reference}) {
        track->eventAt.assign(cells, -1);
        for (std::size_t i = 0; i < track->schedule.events.size(); ++i) {
            const OutputEvent& e = track->schedule.events[i];
            track->eventAt[static_cast<std::size_t>(e.y - m_region.y) *
                               static_cast<std::size_t>(m_region.width) +
                           static_cast<std::size_t>(e.x - m_region.x)] = static_cast<int>(i);
        }
    }
    m_time = std::min(m_time, duration());
}

void AnimationPanel::drawContent(UiContext& context) {
    AppState& state = context.state;
    if (!state.input || state.input->empty()) {
        ImGui::TextDisabled("No image: open one from the File menu.");
        return;
    }
    rebuild(context);
    if (m_pendingFraction >= 0.0 && !m_primary.schedule.events.empty()) {  // e.g. trace arrived
        m_time = m_pendingFraction * duration();
        m_pendingFraction = -1.0;
    }
    const ClockUnit unit = m_primary.schedule.unit;
    if (m_playing) {
        const double dt = std::min(static_cast<double>(ImGui::GetIO().DeltaTime), kMaxFrameSeconds);
        m_time = advanceClock(m_time, dt, std::pow(10.0, static_cast<double>(m_speedLog10)), unit,
                              duration());
        if (m_time >= duration()) {
            m_playing = false;
        }
    }
    state.animating = m_playing;
    drawControls(context);

    // The output values: the traced launch's own result for the replay, else the backend's.
    const Image* output = nullptr;
    bool outputCurrent = false;
    if (m_mode == AnimationMode::GpuMeasured && state.gpuTrace.trace) {
        output = &state.gpuTrace.trace->output;
        outputCurrent =
            state.gpuTrace.image == state.input && state.gpuTrace.request == state.request;
    } else if (state.output && state.output->width() == state.input->width() &&
               state.output->height() == state.input->height()) {
        output = state.output.get();
        outputCurrent = state.outputCurrent;
    }
    if (!m_error.empty()) {
        ImGui::TextColored(ImVec4(1.0f, 0.7f, 0.3f, 1.0f), "%s", m_error.c_str());
        return;
    }
    if (output == nullptr) {
        ImGui::TextDisabled("No output yet: run the filter (cells show where, not what).");
    } else if (!outputCurrent) {
        ImGui::TextColored(ImVec4(1.0f, 0.7f, 0.3f, 1.0f),
                           "The values shown are from an earlier output: run the filter again.");
    }

    const int group = std::max(
        1, (std::max(m_region.width, m_region.height) + kMaxCellsPerSide - 1) / kMaxCellsPerSide);
    const int cellsW = (m_region.width + group - 1) / group;
    const int cellsH = (m_region.height + group - 1) / group;
    const bool two = !m_reference.schedule.events.empty();
    const float gap = 16.0f * state.contentScale;
    const float lineH = ImGui::GetTextLineHeightWithSpacing();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float paneW = two ? (avail.x - gap) * 0.5f : avail.x;
    const float cell =
        std::clamp(std::floor(std::min(paneW / static_cast<float>(cellsW),
                                       (avail.y - 7.0f * lineH) / static_cast<float>(cellsH))),
                   1.0f, 32.0f);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float primaryX = two ? start.x + static_cast<float>(cellsW) * cell + gap : start.x;
    state.animationGrid =
        AnimationGridRect{primaryX, start.y + kHeaderLines * lineH, cell, cellsW, cellsH, group};
    if (two) {
        drawTrack(context, m_reference, start, cell, group, output);
        drawTrack(context, m_primary,
                  ImVec2(start.x + static_cast<float>(cellsW) * cell + gap, start.y), cell, group,
                  output);
    } else {
        drawTrack(context, m_primary, start, cell, group, output);
    }
    ImGui::Dummy(
        ImVec2(avail.x, static_cast<float>(cellsH) * cell + (kHeaderLines + 1.0f) * lineH));
    if (group > 1) {
        ImGui::TextDisabled("Overview: each cell is %dx%d outputs (mean of the finished ones).",
                            group, group);
    }
    drawLegend(m_primary);
}

void AnimationPanel::drawControls(UiContext& context) {
    AppState& state = context.state;
    for (AnimationMode mode :
         {AnimationMode::Sequential, AnimationMode::Threads, AnimationMode::GpuWaves,
          AnimationMode::GpuMeasured, AnimationMode::Shuffled}) {
        if (mode != AnimationMode::Sequential) {
            sameLineIfFits(ImGui::CalcTextSize(modeLabel(mode)).x + ImGui::GetFrameHeight() * 1.5f);
        }
        const bool disabled = mode == AnimationMode::GpuMeasured && !state.gpuTrace.available;
        ImGui::BeginDisabled(disabled);
        if (ImGui::RadioButton(modeLabel(mode), m_mode == mode)) {
            m_mode = mode;
            m_time = 0.0;
        }
        ImGui::EndDisabled();
        if (disabled) {
            tooltip(("Unavailable: " + state.gpuTrace.reason).c_str());
        } else {
            tooltip(modeTooltip(mode));
        }
    }
    sameLineIfFits(ImGui::CalcTextSize("Sequential beside it").x + ImGui::GetFrameHeight() * 2.0f);
    ImGui::Checkbox("Sequential beside it", &m_sideBySide);
    tooltip("Show cpu-sequential on the left, on the same clock (steps), to compare.");

    const double end = duration();
    if (ImGui::Button("Restart")) {
        m_time = 0.0;
        m_playing = true;
    }
    tooltip("Back to the start and play.");
    ImGui::SameLine();
    if (ImGui::ArrowButton("##back", ImGuiDir_Left)) {
        m_playing = false;
        m_time = stepBoundary(false);
    }
    tooltip("Step back to the previous moment an output starts or ends.");
    ImGui::SameLine();
    if (ImGui::Button(m_playing ? "Pause" : "Play", ImVec2(ImGui::GetFontSize() * 4.0f, 0.0f))) {
        if (!m_playing && m_time >= end) {
            m_time = 0.0;
        }
        m_playing = !m_playing;
    }
    tooltip("Play or pause. The clock runs on real elapsed time times the speed.");
    ImGui::SameLine();
    if (ImGui::ArrowButton("##forward", ImGuiDir_Right)) {
        m_playing = false;
        m_time = stepBoundary(true);
    }
    tooltip("Step forward to the next moment an output starts or ends.");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9.0f);
    char speed[32];
    std::snprintf(speed, sizeof speed, "speed %gx",
                  std::round(std::pow(10.0, static_cast<double>(m_speedLog10)) * 10.0) / 10.0);
    ImGui::SliderFloat("##speed", &m_speedLog10, -1.0f, 4.0f, speed);
    tooltip(unit() == ClockUnit::Steps
                ? "Playback speed, 0.1x to 10000x on a log scale: 1x is one step per second."
                : "Playback speed, 0.1x to 10000x on a log scale: 1x plays one microsecond of "
                  "GPU time per second.");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::max(ImGui::GetContentRegionAvail().x, 80.0f));
    const double zero = 0.0;
    const std::string clock = formatTime(m_time, unit()) + " of " + formatTime(end, unit());
    if (ImGui::SliderScalar("##time", ImGuiDataType_Double, &m_time, &zero, &end, clock.c_str())) {
        m_playing = false;
    }
    tooltip("Scrub: drag to any moment.");

    int region[4] = {m_region.x, m_region.y, m_region.width, m_region.height};
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16.0f);
    if (ImGui::InputInt4("region x, y, w, h", region)) {
        setRegion(Region{region[0], region[1], region[2], region[3]});
    }
    tooltip("The outputs animated: up to 64x64 as one cell each, up to 512x512 as an overview.");
    sameLineIfFits(ImGui::CalcTextSize("Centre on pinned pixel").x +
                   ImGui::GetStyle().FramePadding.x * 2.0f);
    ImGui::BeginDisabled(!state.inspector.pinned);
    if (ImGui::Button("Centre on pinned pixel")) {
        setRegion(Region{state.inspector.x - m_region.width / 2,
                         state.inspector.y - m_region.height / 2, m_region.width, m_region.height});
    }
    ImGui::EndDisabled();
    tooltip("Pin a pixel in the Image tab (click it), then centre the region on it here.");
    if (m_mode == AnimationMode::GpuMeasured || state.gpuTrace.trace) {
        ImGui::SameLine();
        ImGui::BeginDisabled(!state.gpuTrace.available || state.gpuTrace.running);
        if (ImGui::Button(state.gpuTrace.running ? "Tracing..." : "Run GPU trace")) {
            context.commands.push(RunGpuTrace{});
        }
        ImGui::EndDisabled();
        tooltip(state.gpuTrace.available
                    ? "Launch the traced kernel once over the whole image and record every "
                      "block's SM and start and end times."
                    : ("Unavailable: " + state.gpuTrace.reason).c_str());
    }
    drawProof(context);
    drawExport(context);

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

void AnimationPanel::drawExport(UiContext& context) {
    AppState& state = context.state;
    const Image* output = nullptr;
    std::shared_ptr<const Image> owner;
    if (m_mode == AnimationMode::GpuMeasured && state.gpuTrace.trace) {
        // Shares the trace's lifetime: the image lives inside the traced launch.
        owner = std::shared_ptr<const Image>(state.gpuTrace.trace, &state.gpuTrace.trace->output);
    } else if (state.output && state.output->width() == state.input->width() &&
               state.output->height() == state.input->height()) {
        owner = state.output;
    }
    output = owner.get();
    const bool ready =
        output != nullptr && !m_primary.schedule.events.empty() && !state.exportingAnimation;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5.0f);
    ImGui::InputInt("frames", &m_exportFrames, 0);
    m_exportFrames = std::clamp(m_exportFrames, 1, 10000);
    tooltip("Frames to export, evenly spaced from the start to the end of the schedule.");
    const auto exportButton = [&](const char* label, const char* video, bool enabled,
                                  const char* help) {
        ImGui::SameLine();
        ImGui::BeginDisabled(!ready || !enabled);
        if (ImGui::Button(label)) {
            ExportAnimation request;
            request.schedule = std::make_shared<const Schedule>(m_primary.schedule);
            request.region = m_region;
            request.output = owner;
            request.frames = m_exportFrames;
            request.video = video;
            request.name = modeName(m_mode);
            context.commands.push(std::move(request));
        }
        ImGui::EndDisabled();
        tooltip(help);
    };
    exportButton("Export PNG frames", "", true,
                 "Render the frames offscreen (cells only, about 512 pixels across) as "
                 "frame_00000.png ... in a new folder of the export folder.");
    const bool ffmpeg = !state.ffmpegPath.empty();
    exportButton("Export MP4", "mp4", ffmpeg,
                 ffmpeg ? "The PNG frames and an H.264 MP4 at 30 frames per second (ffmpeg)."
                        : "ffmpeg not found on PATH: install it for MP4 and GIF.");
    exportButton("Export GIF", "gif", ffmpeg,
                 ffmpeg ? "The PNG frames and a GIF at 30 frames per second (ffmpeg)."
                        : "ffmpeg not found on PATH: install it for MP4 and GIF.");
    if (state.exportingAnimation) {
        ImGui::SameLine();
        ImGui::TextDisabled("exporting...");
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

ClockUnit AnimationPanel::unit() const {
    return m_primary.schedule.unit;
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
    ImGui::SameLine();
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

void AnimationPanel::drawTrack(UiContext& context, const Track& track, ImVec2 at, float cell,
                               int group, const Image* output) {
    const AppState& state = context.state;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Schedule& s = track.schedule;
    const PlaybackCounts counts = countAt(s, m_time);
    const int cellsW = (m_region.width + group - 1) / group;
    const int cellsH = (m_region.height + group - 1) / group;
    // Two header lines, clipped to the track's width so side-by-side headers never overlap.
    const float lineH = ImGui::GetTextLineHeightWithSpacing();
    char counters[128];
    std::snprintf(counters, sizeof counters, "%zu of %zu done, %s", counts.done, counts.total,
                  formatTime(std::min(m_time, s.duration), s.unit).c_str());
    draw->PushClipRect(at, ImVec2(at.x + static_cast<float>(cellsW) * cell, at.y + 2.0f * lineH),
                       true);
    draw->AddText(at, ImGui::GetColorU32(ImGuiCol_Text), s.title.c_str());
    draw->AddText(ImVec2(at.x, at.y + lineH), ImGui::GetColorU32(ImGuiCol_Text), counters);
    draw->PopClipRect();
    const float top = at.y + kHeaderLines * lineH;
    const ImU32 pending = IM_COL32(34, 37, 44, 255);
    for (int gy = 0; gy < cellsH; ++gy) {
        for (int gx = 0; gx < cellsW; ++gx) {
            int done = 0;
            int outputs = 0;
            int running = -1;
            int doneWorker = -1;
            double sum[3] = {0.0, 0.0, 0.0};
            for (int y = gy * group; y < std::min((gy + 1) * group, m_region.height); ++y) {
                for (int x = gx * group; x < std::min((gx + 1) * group, m_region.width); ++x) {
                    ++outputs;
                    const int index = track.eventAt[static_cast<std::size_t>(y) *
                                                        static_cast<std::size_t>(m_region.width) +
                                                    static_cast<std::size_t>(x)];
                    if (index < 0) {
                        continue;
                    }
                    const OutputEvent& e = s.events[static_cast<std::size_t>(index)];
                    if (e.end <= m_time) {
                        ++done;
                        doneWorker = e.worker;
                        if (output != nullptr) {
                            const std::uint8_t* p = output->pixel(e.x, e.y);
                            for (int c = 0; c < 3; ++c) {
                                sum[c] += p[c];
                            }
                        }
                    } else if (e.start <= m_time && running < 0) {
                        running = e.worker;
                    }
                }
            }
            const ImVec2 a(at.x + static_cast<float>(gx) * cell,
                           top + static_cast<float>(gy) * cell);
            const ImVec2 b(a.x + cell, a.y + cell);
            if (running >= 0) {
                draw->AddRectFilled(a, b, toColour(workerColour(running)));
            } else if (done > 0) {
                ImU32 colour = IM_COL32(150, 150, 150, 255);  // done, but no output to show
                if (output != nullptr) {
                    colour =
                        IM_COL32(static_cast<int>(sum[0] / done), static_cast<int>(sum[1] / done),
                                 static_cast<int>(sum[2] / done), 255);
                }
                if (done < outputs) {
                    draw->AddRectFilled(a, b, pending);
                    const float f = static_cast<float>(done) / static_cast<float>(outputs);
                    draw->AddRectFilled(a, ImVec2(b.x, a.y + cell * f), colour);
                } else {
                    draw->AddRectFilled(a, b, colour);
                }
                if (cell >= 6.0f * state.contentScale) {
                    // A thin frame in the worker's colour; the value stays readable.
                    draw->AddRect(a, b, toColour(workerColour(doneWorker), 150));
                }
            } else {
                draw->AddRectFilled(a, b, pending);
            }
        }
    }
    char footer[128];
    std::snprintf(footer, sizeof footer, "%zu computing now", counts.running);
    draw->AddText(ImVec2(at.x, top + static_cast<float>(cellsH) * cell + 2.0f),
                  ImGui::GetColorU32(ImGuiCol_TextDisabled), footer);
}

void AnimationPanel::drawLegend(const Track& track) {
    const Schedule& s = track.schedule;
    if (s.events.empty()) {
        return;
    }
    std::vector<int> workers;
    for (const OutputEvent& e : s.events) {
        workers.push_back(e.worker);
    }
    std::sort(workers.begin(), workers.end());
    workers.erase(std::unique(workers.begin(), workers.end()), workers.end());
    ImGui::Text("Colour = %s (%zu in this region%s):", s.workerName.c_str(), workers.size(),
                workers.size() > 24 ? "; colours repeat every 24" : "");
    const float swatch = ImGui::GetTextLineHeight();
    int shown = 0;
    for (int worker : workers) {
        if (shown == 48) {
            ImGui::SameLine();
            ImGui::TextDisabled("...");
            break;
        }
        if (shown % 12 != 0) {
            ImGui::SameLine();
        }
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + swatch, p.y + swatch),
                                                  toColour(workerColour(worker)));
        ImGui::Dummy(ImVec2(swatch, swatch));
        ImGui::SameLine();
        ImGui::Text("%s %d", s.workerName.c_str(), worker);
        ++shown;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped(
        "Dark: not started. Worker colour: being computed. Framed value: done, "
        "showing the real output.");
    ImGui::PopStyleColor();
}

}  // namespace convis::ui
