// The animation panel's analyses: the traced GPU launch for the measured replay, and two
// backends' outputs compared (max error, PSNR). Both run on the analysis job thread with their
// own backend objects, so they never share state with the output producer's run.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <numeric>
#include <optional>
#include <utility>

#include "app/app.hpp"
#include "backends/cpu_parallel.hpp"
#include "backends/cpu_sequential.hpp"
#include "backends/cuda_backends.hpp"
#include "backends/cuda_trace.hpp"
#include "core/animation_frame.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/image_io.hpp"
#include "core/order_proof.hpp"
#include "core/video_pipe.hpp"

namespace convis {

namespace {

// "x,y" or "x,y,w,h" into ints; false when malformed.
bool parseInts(const std::string& text, int* values, int count) {
    int used = 0;
    char extra = '\0';
    if (count == 2) {
        return std::sscanf(text.c_str(), "%d,%d%n%c", &values[0], &values[1], &used, &extra) == 2;
    }
    return std::sscanf(text.c_str(), "%d,%d,%d,%d%n%c", &values[0], &values[1], &values[2],
                       &values[3], &used, &extra) == 4;
}

}  // namespace

void App::applyAnimationOptions() {
    const GuiOptions& o = m_options;
    if (o.tab == "animation" || !o.animCapturePanel.empty()) {  // other tabs: app_timing.cpp
        m_ui.selectWorkspaceTab(m_animation->title());
    } else if (o.tab == "image") {
        m_ui.selectWorkspaceTab("Image");
    }
    ui::AnimationMode mode = ui::AnimationMode::GpuWaves;
    if (!o.animMode.empty() && !ui::parseAnimationMode(o.animMode, mode)) {
        post(ui::MessageLevel::Error, "unknown animation mode '" + o.animMode + "'");
    }
    if (!o.animMode.empty() || o.animTime || o.animPlay) {
        m_animation->configure(mode, o.animTime.value_or(0.0), o.animPlay);
    }
    if (!o.animRegion.empty()) {
        int r[4] = {};
        if (parseInts(o.animRegion, r, 4) && r[2] > 0 && r[3] > 0) {
            m_animation->setRegion(Region{r[0], r[1], r[2], r[3]});
        } else {
            post(ui::MessageLevel::Error, "--anim-region must be x,y,w,h with w, h > 0");
        }
    }
    for (const auto& [text, onOutput] :
         {std::pair{o.inspect, true}, std::pair{o.inspectInput, false}}) {
        if (text.empty()) {
            continue;
        }
        int p[2] = {};
        if (parseInts(text, p, 2) && p[0] >= 0 && p[1] >= 0) {
            m_state.inspector.pinned = true;
            m_state.inspector.x = p[0];
            m_state.inspector.y = p[1];
            m_state.inspector.onOutput = onOutput;
            if (o.zoom) {  // zoomed in: centre the view on the inspected pixel
                m_state.view.centreX = static_cast<float>(p[0]) + 0.5f;
                m_state.view.centreY = static_cast<float>(p[1]) + 0.5f;
            }
        } else {
            post(ui::MessageLevel::Error, "--inspect must be x,y");
        }
    }
    if (o.animProveOrder) {
        m_commands.push(ui::ProveOrderWholeImage{7});
    }
    if (o.animCompare) {
        m_commands.push(ui::CompareBackends{});
    }
    if (o.animMode == "gpu-measured" && m_state.gpuTrace.available) {
        m_commands.push(ui::RunGpuTrace{});
    }
}

void App::runGpuTrace() {
    ui::GpuTraceState& trace = m_state.gpuTrace;
    if (!trace.available) {
        post(ui::MessageLevel::Warning, "GPU trace unavailable: " + trace.reason);
        return;
    }
    if (!m_state.input || m_state.input->empty()) {
        return;
    }
    trace.running = true;
    trace.error.clear();
    auto image = m_state.input;
    const ConvRequest request = m_state.request;
    auto result = std::make_shared<std::shared_ptr<const TracedLaunch>>();
    auto error = std::make_shared<std::string>();
    m_tracer.submit(
        [image, request, result, error](JobControl&) {
            try {
                *result = std::make_shared<const TracedLaunch>(
                    runTracedConvolution(*image, request, RunOptions{}));
            } catch (const std::exception& e) {
                *error = e.what();
            }
        },
        [this, image, request, result, error]() {
            ui::GpuTraceState& state = m_state.gpuTrace;
            state.running = false;
            if (*result) {
                state.trace = *result;
                state.image = image;
                state.request = request;
                post(ui::MessageLevel::Info,
                     "GPU trace: " + std::to_string(state.trace->blocks.size()) + " blocks on " +
                         state.trace->gpu.name);
            } else {
                state.error = *error;
                post(ui::MessageLevel::Error, "GPU trace failed: " + *error);
            }
        });
}

void App::compareBackends() {
    if (!m_state.input || m_state.input->empty()) {
        return;
    }
    ui::BackendComparison& comparison = m_state.comparison;
    comparison.running = true;
    comparison.error.clear();
    auto image = m_state.input;
    const ConvRequest request = m_state.request;
    auto result = std::make_shared<ui::BackendComparison>();
    m_comparer.submit(
        [image, request, result](JobControl& control) {
            try {
                RunOptions options;
                options.cancel = &control.cancelFlag();
                Image reference;
                CpuSequentialBackend sequential;
                sequential.run(*image, request, reference, options);
                result->first = "cpu-sequential";
                Image other;
                std::unique_ptr<Backend> gpu;
                for (auto& backend : makeCudaBackends()) {
                    if (backend->info().id == "cuda-naive") {
                        gpu = std::move(backend);
                    }
                }
                if (gpu && gpu->info().available) {
                    gpu->run(*image, request, other, options);
                    result->second = "cuda-naive";
                } else {
                    CpuParallelBackend parallel;
                    parallel.run(*image, request, other, options);
                    result->second = "cpu-parallel";
                    result->note = "CUDA unavailable (" +
                                   (gpu ? gpu->info().reason : std::string("no CUDA backend")) +
                                   "): compared the two CPU paths instead";
                }
                ImageDifference d = compareImages(reference, other, request.channels,
                                                  ui::BackendComparison::kDifferenceGain);
                result->map = std::make_shared<const Image>(std::move(d.map));
                result->maxAbs = d.maxAbs;
                result->differingPixels = d.differingPixels;
                result->pixels = reference.pixelCount();
                result->psnr = d.psnr;
                result->valid = true;
            } catch (const std::exception& e) {
                result->error = e.what();
            }
        },
        [this, image, request, result]() {
            ui::BackendComparison& state = m_state.comparison;
            *result = ui::BackendComparison(*result);
            state = *result;
            state.running = false;
            state.image = image;
            state.request = request;
            if (!state.error.empty()) {
                post(ui::MessageLevel::Error, "comparison failed: " + state.error);
            }
        });
}

void App::exportAnimation(const ui::ExportAnimation& request) {
    if (!request.schedule || !request.output || request.frames < 1) {
        return;
    }
    std::string folder;
    try {
        const std::string stem = exportPath("animation-" + request.name);
        folder = stem.substr(0, stem.size() - 4);  // without ".png"
    } catch (const std::exception& e) {
        post(ui::MessageLevel::Error, std::string("animation not exported: ") + e.what());
        return;
    }
    const std::string ffmpeg = m_state.ffmpegPath;
    if (!request.video.empty() && ffmpeg.empty()) {
        post(ui::MessageLevel::Error,
             "ffmpeg not found on PATH: install it for MP4 or GIF, or export PNG frames");
        return;
    }
    m_state.exportingAnimation = true;
    auto message = std::make_shared<std::string>();
    auto failed = std::make_shared<bool>(false);
    m_animationExporter.submit(
        [request, folder, ffmpeg, message, failed](JobControl& control) {
            try {
                std::filesystem::create_directories(folder);
                const int cell = autoCellSize(request.region);
                std::optional<VideoPipe> video;
                const std::string videoPath = folder + "." + request.video;
                if (!request.video.empty()) {
                    video.emplace(ffmpeg, videoPath, request.region.width * cell,
                                  request.region.height * cell, 30);
                }
                const Schedule& s = *request.schedule;
                for (int i = 0; i < request.frames && !control.cancelled(); ++i) {
                    const double t = evenFrameTime(s.duration, i, request.frames);
                    const Image frame =
                        renderScheduleFrame(s, request.region, *request.output, t, cell);
                    writeFileAtomically((std::filesystem::path(folder) / frameFileName(i)).string(),
                                        encodePng(frame));
                    if (video) {
                        video->write(frame);
                    }
                    control.setProgress(static_cast<double>(i + 1) / request.frames);
                }
                if (video) {
                    video->finish();
                }
                *message = std::to_string(request.frames) + " frames saved in " + folder +
                           (video ? " and " + videoPath : std::string());
            } catch (const std::exception& e) {
                *failed = true;
                *message = std::string("animation export failed: ") + e.what();
            }
        },
        [this, message, failed]() {
            m_state.exportingAnimation = false;
            post(*failed ? ui::MessageLevel::Error : ui::MessageLevel::Info, *message);
        });
}

void App::proveOrderWholeImage(std::uint64_t seed) {
    if (!m_state.input || m_state.input->empty() || m_prover.busy()) {
        return;
    }
    ui::OrderProofState& proof = m_state.orderProof;
    proof = ui::OrderProofState{};
    proof.running = true;
    proof.seed = seed;
    proof.image = m_state.input;
    proof.request = m_state.request;
    auto image = m_state.input;
    const ConvRequest request = m_state.request;
    auto result = std::make_shared<ui::OrderProofState>();
    m_prover.submit(
        [image, request, seed, result](JobControl& control) {
            try {
                // Raster order first (the first half of the bar), then the shuffled order.
                const std::size_t n = image->pixelCount();
                std::vector<std::size_t> order(n);
                std::iota(order.begin(), order.end(), std::size_t{0});
                const Image raster =
                    convolveImageInOrder(*image, request, order, &control.cancelFlag(),
                                         [&control](double p) { control.setProgress(0.5 * p); });
                order = randomPermutation(n, seed);
                const Image shuffled = convolveImageInOrder(
                    *image, request, order, &control.cancelFlag(),
                    [&control](double p) { control.setProgress(0.5 + 0.5 * p); });
                const ImageDifference d = compareImages(raster, shuffled);
                result->identical = raster == shuffled;
                result->differingPixels = d.differingPixels;
                result->pixels = n;
                result->valid = true;
            } catch (const Cancelled&) {
                result->error = "cancelled";
            } catch (const std::exception& e) {
                result->error = e.what();
            }
        },
        [this, result]() {
            ui::OrderProofState& state = m_state.orderProof;
            state.running = false;
            state.valid = result->valid;
            state.identical = result->identical;
            state.differingPixels = result->differingPixels;
            state.pixels = result->pixels;
            state.error = result->error;
            if (!result->error.empty() && result->error != "cancelled") {
                post(ui::MessageLevel::Error, "order proof failed: " + result->error);
            }
        });
}

void App::collectOrderProof() {
    m_prover.poll();
    if (m_state.orderProof.running) {
        m_state.orderProof.progress = m_prover.progress();
    }
}

bool App::analysisBusy() const {
    return m_tracer.busy() || m_comparer.busy() || m_animationExporter.busy();
}

}  // namespace convis
