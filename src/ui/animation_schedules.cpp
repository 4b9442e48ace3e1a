// The animation panel's tracks: core's schedules for the region, rebuilt when the image,
// request, region, mode or trace change.
#include "ui/animation_panel.hpp"

#include <algorithm>

#include "core/order_proof.hpp"
#include "core/row_bands.hpp"
#include "ui/animation_text.hpp"

namespace convis::ui {

using namespace anim;

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

}  // namespace convis::ui
