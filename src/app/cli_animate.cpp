// `convis animate`: frames of an execution-order animation, rendered offscreen by core (cells
// filled with the real output in the order a backend computes them), as numbered PNGs and
// optionally a video through ffmpeg. Needs no display and, except for gpu-measured, no GPU.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>

#include "app/cli_commands.hpp"
#include "app/cli_request_options.hpp"
#include "backends/cuda_trace.hpp"
#include "backends/registry.hpp"
#include "core/animation_frame.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/file_read.hpp"
#include "core/image_io.hpp"
#include "core/image_source.hpp"
#include "core/order_proof.hpp"
#include "core/row_bands.hpp"
#include "core/video_pipe.hpp"

namespace convis {

namespace {

constexpr int kMaxRegionSide = 512;

struct AnimateOptions {
    std::string input = defaultImageSource();
    std::string mode = "sequential";
    int frames = 60;
    std::string outDir;
    std::string region;  // x,y,w,h; empty: 32x32 at the centre
    int cell = 0;        // pixels per output; 0: about 512 pixels across
    std::string video;   // .mp4 or .gif through ffmpeg
    int fps = 30;
    std::string trace;     // gpu-measured: replay this trace file instead of running one
    std::string traceOut;  // gpu-measured: write the trace that was run
    std::uint64_t seed = 1;
    RequestOptions request;
    RunSettings run;
};

Region parseRegion(const std::string& text, int width, int height) {
    if (text.empty()) {
        const int w = std::min(32, width);
        const int h = std::min(32, height);
        return Region{(width - w) / 2, (height - h) / 2, w, h};
    }
    Region r;
    char extra = '\0';
    if (std::sscanf(text.c_str(), "%d,%d,%d,%d%c", &r.x, &r.y, &r.width, &r.height, &extra) != 4 ||
        r.x < 0 || r.y < 0 || r.width <= 0 || r.height <= 0) {
        throw InputError("--region must be x,y,w,h with w, h > 0, e.g. 100,80,32,32");
    }
    if (r.x + r.width > width || r.y + r.height > height) {
        throw InputError("--region " + text + " reaches outside the " + std::to_string(width) +
                         "x" + std::to_string(height) + " image");
    }
    if (r.width > kMaxRegionSide || r.height > kMaxRegionSide) {
        throw InputError("--region may be at most 512x512 outputs");
    }
    return r;
}

// The full-image output of one backend by id; `used` names it.
Image computeWith(const std::string& id, const Image& input, const ConvRequest& request,
                  const RunOptions& options) {
    const BackendRegistry registry;
    Backend& backend = findAvailableBackend(registry, id);
    Image output;
    backend.run(input, request, output, options);
    return output;
}

std::string formatDuration(const Schedule& s) {
    char text[64];
    if (s.unit == ClockUnit::Steps) {
        std::snprintf(text, sizeof text, "%.0f steps", s.duration);
    } else {
        std::snprintf(text, sizeof text, "%.2f us", s.duration / 1e3);
    }
    return text;
}

void runAnimate(const AnimateOptions& o) {
    if (o.outDir.empty() && o.video.empty()) {
        throw InputError("give --out DIR for PNG frames and/or --video FILE.mp4|.gif");
    }
    if (o.frames < 1 || o.frames > 100000) {
        throw InputError("--frames must be 1..100000");
    }
    std::string ffmpeg;
    if (!o.video.empty()) {
        ffmpeg = requireFfmpeg();  // before any work
    }
    const ConvRequest request = buildRequest(o.request);
    const RunOptions runOptions = buildRunOptions(o.run);
    const Image input = loadImageSource(o.input);
    const Region region = parseRegion(o.region, input.width(), input.height());
    const LaunchShape launch{runOptions.blockWidth, runOptions.blockHeight};

    Schedule schedule;
    Image output;
    std::string valuesFrom;
    std::string note;
    if (o.mode == "sequential" || o.mode == "shuffled" || o.mode == "threads") {
        const bool threads = o.mode == "threads";
        const std::string id = threads ? "cpu-parallel" : "cpu-sequential";
        output = computeWith(id, input, request, runOptions);
        valuesFrom = id;
        if (o.mode == "sequential") {
            schedule = sequentialSchedule(region);
        } else if (o.mode == "shuffled") {
            schedule = shuffledSchedule(region, o.seed);
        } else {
            const int count = resolveThreadCount(runOptions.threads, hardwareThreadCount());
            schedule = threadBandSchedule(region, count, input.height());
        }
    } else if (o.mode == "gpu-waves") {
        // The GPU's own result when there is one; the reference otherwise (identical values
        // for integer kernels, within 1 LSB otherwise).
        const TraceAvailability gpu = cudaTraceAvailability();
        valuesFrom = gpu.available ? "cuda-naive" : "cpu-sequential";
        if (!gpu.available) {
            note = "no GPU (" + gpu.reason + "): values from cpu-sequential, waves from the " +
                   defaultGpuModel().name;
        }
        output = computeWith(valuesFrom, input, request, runOptions);
        schedule = gpuWaveSchedule(region, launch, defaultGpuModel());
    } else if (o.mode == "gpu-measured") {
        std::vector<BlockRecord> blocks;
        int smCount = 0;
        LaunchShape traced = launch;
        if (!o.trace.empty()) {
            constexpr std::uint64_t kMaxTraceBytes = 256ull << 20;
            const std::vector<std::uint8_t> bytes = readInputFile(o.trace, kMaxTraceBytes);
            blocks = parseBlockTrace(std::string(bytes.begin(), bytes.end()));
            for (const BlockRecord& b : blocks) {
                smCount = std::max(smCount, b.sm + 1);
            }
            output = computeWith("cpu-sequential", input, request, runOptions);
            valuesFrom = "cpu-sequential (replaying " + o.trace + ")";
        } else {
            const TraceAvailability gpu = cudaTraceAvailability();
            if (!gpu.available) {
                throw InputError("gpu-measured needs a GPU (" + gpu.reason +
                                 ") or a recorded trace: --trace FILE");
            }
            TracedLaunch t = runTracedConvolution(input, request, runOptions);
            blocks = std::move(t.blocks);
            smCount = t.gpu.smCount;
            traced = t.launch;
            output = std::move(t.output);
            valuesFrom = "the traced launch on " + t.gpu.name;
            note = "whole launch: " + std::to_string(t.elapsedNs / 1e3) + " us measured";
            if (!o.traceOut.empty()) {
                writeFileAtomically(o.traceOut, std::string_view(formatBlockTrace(blocks)));
            }
        }
        schedule = measuredGpuSchedule(blocks, region, traced, smCount);
    } else {
        throw InputError("unknown --mode '" + o.mode +
                         "' (sequential, threads, gpu-waves, gpu-measured, shuffled)");
    }

    const int cell = o.cell > 0 ? o.cell : autoCellSize(region);
    if (!o.outDir.empty()) {
        std::filesystem::create_directories(o.outDir);
    }
    std::optional<VideoPipe> video;
    if (!o.video.empty()) {
        video.emplace(ffmpeg, o.video, region.width * cell, region.height * cell, o.fps);
    }
    for (int i = 0; i < o.frames; ++i) {
        const double t = o.frames == 1
                             ? schedule.duration
                             : schedule.duration * static_cast<double>(i) / (o.frames - 1);
        const Image frame = renderScheduleFrame(schedule, region, output, t, cell);
        if (!o.outDir.empty()) {
            writeFileAtomically((std::filesystem::path(o.outDir) / frameFileName(i)).string(),
                                encodePng(frame));
        }
        if (video) {
            video->write(frame);
        }
    }
    if (video) {
        video->finish();
    }
    std::cout << schedule.title << ": " << schedule.events.size() << " outputs of region "
              << region.x << "," << region.y << "," << region.width << "," << region.height << ", "
              << o.frames << " frames of " << region.width * cell << "x" << region.height * cell
              << " over " << formatDuration(schedule) << "; values from " << valuesFrom;
    if (!note.empty()) {
        std::cout << "; " << note;
    }
    std::cout << (o.outDir.empty() ? "" : " -> " + o.outDir)
              << (o.video.empty() ? "" : " -> " + o.video) << std::endl;
}

}  // namespace

void addAnimateCommand(CLI::App& app, CliContext& context) {
    CLI::App* animate = app.add_subcommand(
        "animate", "Render the order in which a backend computes a region's outputs, as frames");
    auto o = std::make_shared<AnimateOptions>();
    animate
        ->add_option("-i,--image,--input", o->input,
                     "Image file, bundled:NAME (or NAME) or pattern:NAME:WxH")
        ->capture_default_str();
    animate->add_option("--frames", o->frames, "Frames, evenly spaced over the schedule")
        ->capture_default_str();
    animate->add_option("--out", o->outDir, "Folder for frame_00000.png, frame_00001.png, ...");
    animate->add_option("--region", o->region, "Outputs x,y,w,h (default: 32x32 at the centre)");
    animate->add_option("--cell", o->cell, "Pixels per output (default: about 512 across)");
    animate->add_option("--video", o->video, "Also encode FILE.mp4 or FILE.gif with ffmpeg");
    animate->add_option("--fps", o->fps, "Video frames per second")->capture_default_str();
    animate->add_option(
        "--trace", o->trace,
        "gpu-measured: replay this block trace (block_x,block_y,sm,start_ns,end_ns)");
    animate->add_option("--trace-out", o->traceOut, "gpu-measured: save the trace that was run");
    animate->add_option("--seed", o->seed, "shuffled: the permutation's seed")
        ->capture_default_str();
    addRequestOptions(*animate, o->request);
    addRunOptions(*animate, o->run);
    // Here --mode names the schedule; the kernel's convolution/correlation is --kernel-mode.
    animate->remove_option(animate->get_option("--mode"));
    animate->add_option("--kernel-mode", o->request.mode, "convolution or correlation")
        ->capture_default_str();
    animate->add_option("--mode", o->mode, "sequential, threads, gpu-waves, gpu-measured, shuffled")
        ->capture_default_str();
    animate->callback([o, &context]() {
        runAnimate(*o);
        context.exitCode = 0;
    });
}

}  // namespace convis
