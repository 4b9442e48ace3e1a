// The animation panel: a region of outputs drawn as cells, filled in with the real output
// values in the order a backend computes them (schedules from core), on one clock driven by
// real frame time: sequential beside the GPU, CPU threads, GPU waves, the measured GPU replay.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/execution_schedule.hpp"
#include "ui/panel.hpp"

namespace convis::ui {

enum class AnimationMode { Sequential, Threads, GpuWaves, GpuMeasured, Shuffled };

// "sequential", "threads", "gpu-waves", "gpu-measured", "shuffled"; false for an unknown name.
bool parseAnimationMode(const std::string& name, AnimationMode& mode);

class AnimationPanel final : public Panel {
  public:
    AnimationPanel();

    // Startup options (screenshots): mode, clock as a fraction of the duration, region.
    void configure(AnimationMode mode, double fraction, bool playing);
    void setRegion(const Region& region);

  protected:
    void drawContent(UiContext& context) override;

  private:
    // A schedule with an index from region cell to its event, for drawing.
    struct Track {
        Schedule schedule;
        std::vector<int> eventAt;  // region raster index -> event index, -1 when absent
    };

    void rebuild(UiContext& context);
    void drawControls(UiContext& context);
    void drawTrack(UiContext& context, const Track& track, ImVec2 at, float cell, int group,
                   const Image* output);
    void drawLegend(const Track& track);
    void drawProof(UiContext& context);
    void drawWholeImageProof(UiContext& context);
    void drawFacts(UiContext& context);
    void drawExport(UiContext& context);
    void drawCaptureProgress(UiContext& context);
    // While the app captures the panel: the clock shows the frame asked for; afterwards the
    // clock and play state are put back as they were.
    void followCapture(const PanelCapture& capture);
    void drawDifference(const Image& map);
    double duration() const;
    ClockUnit unit() const;
    double stepBoundary(bool forward) const;

    AnimationMode m_mode = AnimationMode::GpuWaves;
    Region m_region{};
    bool m_regionSet = false;  // otherwise centred on the image
    bool m_sideBySide = true;  // sequential beside the chosen mode, on the same clock
    double m_time = 0.0;       // in the primary schedule's unit
    bool m_playing = false;
    float m_speedLog10 = 1.0f;        // speed = 10^this, 0.1x .. 10000x
    double m_pendingFraction = -1.0;  // from configure(), applied once schedules exist
    std::uint64_t m_seed = 1;
    int m_exportFrames = 120;
    bool m_showDifference = false;
    bool m_capturing = false;  // the app is capturing the panel frame by frame
    double m_timeBeforeCapture = 0.0;
    bool m_playingBeforeCapture = false;
    float m_exportRowHeight = 0.0f;  // kept while capturing, so the tracks do not move

    // What the schedules were built for; rebuilt when any of it changes.
    int m_builtWidth = 0;
    int m_builtHeight = 0;
    Region m_builtRegion{-1, -1, 0, 0};
    AnimationMode m_builtMode = AnimationMode::Sequential;
    const void* m_builtTrace = nullptr;
    const void* m_builtInput = nullptr;
    ConvRequest m_builtRequest;
    std::uint64_t m_builtSeed = 0;
    bool m_built = false;

    Track m_primary;
    Track m_reference;  // sequential, for side by side
    std::string m_error;
    std::string m_proof;  // result of the last shuffle-order check
    bool m_proofOk = false;
};

}  // namespace convis::ui
