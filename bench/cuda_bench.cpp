// Kernel-only and end-to-end timings of the CUDA backends on a large RGBA8 image, written as
// JSON: median, p10 and p90 of CUDA-event samples, Gpix/s and the share of the roofline.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "backends/bench_cases.hpp"
#include "backends/registry.hpp"
#include "core/bench_kernels.hpp"
#include "core/error.hpp"
#include "core/timing.hpp"

using namespace convis;

namespace {

struct Case {
    std::string name;
    int k;
    bool separable;
    ConvRequest request;
};

std::vector<Case> cases(const std::vector<int>& dense, const std::vector<int>& separable) {
    std::vector<Case> list;
    for (int k : dense) {
        ConvRequest r = denseKernel(k);
        r.channels = {true, true, true, true};  // RGBA, as NPP's C4 filter and the roofline
        list.push_back({"dense" + std::to_string(k), k, false, r});
    }
    for (int k : separable) {
        ConvRequest r = gaussianKernel(k);
        r.channels = {true, true, true, true};
        list.push_back({"separable" + std::to_string(k), k, true, r});
    }
    return list;
}

// "a,b,c" as its items.
std::vector<std::string> splitList(const std::string& list) {
    std::vector<std::string> items;
    for (std::size_t pos = 0; pos <= list.size();) {
        const std::size_t comma = std::min(list.find(',', pos), list.size());
        items.push_back(list.substr(pos, comma - pos));
        pos = comma + 1;
    }
    return items;
}

// A kernel side from the command line: odd, 1..31.
int oddSide(const std::string& text) {
    std::size_t used = 0;
    const int k = std::stoi(text, &used);
    if (used != text.size() || k < 1 || k > 31 || k % 2 == 0) {
        throw InputError("kernel sides must be odd numbers from 1 to 31, not " + text);
    }
    return k;
}

int run(int argc, char** argv) {
    int width = 7680;
    int height = 4320;
    int warmup = 5;
    int samples = 30;
    std::string jsonPath = "cuda_bench.json";
    std::vector<std::string> backends{"cuda-naive", "cuda-tiled", "cuda-fast"};
    std::vector<int> denseSizes{3, 5, 7, 9, 15, 31};
    std::vector<int> separableSizes{9, 31};
    // cuda-fast-float: cuda-fast with RunOptions::integerLanes off (the float tile for integer
    // kernels too), to measure what the packed lanes buy. cuda-fast-tile: RunOptions::laneStream
    // off (the lane tile where the streaming kernel would run); cuda-fast-s32 and cuda-fast-s64:
    // the streaming kernel with strips of 32 or 64 rows. cuda-fast-fp32: RunOptions::tensorCores
    // off (the FP32 separable kernel for rank-1 kernels).
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                throw InputError(arg + " needs a value");
            }
            return argv[++i];
        };
        if (arg == "--json") {
            jsonPath = value();
        } else if (arg == "--size") {
            if (std::sscanf(value().c_str(), "%dx%d", &width, &height) != 2) {
                throw InputError("--size takes WIDTHxHEIGHT");
            }
        } else if (arg == "--samples") {
            samples = std::stoi(value());
        } else if (arg == "--warmup") {
            warmup = std::stoi(value());
        } else if (arg == "--backends") {
            backends = splitList(value());
        } else if (arg == "--dense" || arg == "--separable") {
            std::vector<int>& sizes = arg == "--dense" ? denseSizes : separableSizes;
            sizes.clear();
            for (const std::string& k : splitList(value())) {
                if (!k.empty()) {
                    sizes.push_back(oddSide(k));
                }
            }
        } else {
            throw InputError(
                "unknown option " + arg +
                " (--json F --size WxH --samples N --warmup N --backends a,b --dense 3,5 "
                "--separable 9,31 (an empty list runs none); "
                "backends include cuda-fast-float, cuda-fast-tile, cuda-fast-s32, cuda-fast-s64, "
                "cuda-fast-fp32)");
        }
    }
    if (samples < 1 || warmup < 0) {
        throw InputError("--samples must be at least 1 and --warmup at least 0");
    }

    Image input(width, height);
    std::mt19937 rng(1);
    std::uniform_int_distribution<int> byte(0, 255);
    for (std::uint8_t& v : input.bytes()) {
        v = static_cast<std::uint8_t>(byte(rng));  // never time on zeros
    }
    BackendRegistry registry;
    nlohmann::json results = nlohmann::json::array();
    const double pixels = static_cast<double>(width) * height;
    const std::vector<Case> list = cases(denseSizes, separableSizes);

    for (const std::string& id : backends) {
        const bool floatTile = id == "cuda-fast-float";
        const bool laneTile = id == "cuda-fast-tile";
        const int stripRows = id == "cuda-fast-s32" ? 32 : (id == "cuda-fast-s64" ? 64 : 0);
        const bool fp32Only = id == "cuda-fast-fp32";
        RunOptions options;
        options.tensorCores = !fp32Only;
        options.integerLanes = !floatTile;
        options.laneStream = !laneTile;
        options.laneStreamRows = stripRows;
        Backend* backend =
            registry.find(floatTile || laneTile || fp32Only || stripRows != 0 ? "cuda-fast" : id);
        if (backend == nullptr || !backend->info().available) {
            std::cerr << id << ": unavailable"
                      << (backend ? ": " + backend->info().reason : std::string()) << "\n";
            continue;
        }
        for (const Case& c : list) {
            // The slow teaching kernels get fewer samples at the widest kernels.
            const bool slow = id == "cuda-naive" || id == "cuda-tiled";
            const int n = (slow && c.k >= 31 && !c.separable) ? 10 : samples;
            const std::vector<double> ms =
                backend->timeKernelOnly(input, c.request, options, warmup, n);
            const SampleStats s = summarize(ms);
            const double gpix = pixels / (s.median * 1e-3) / 1e9;
            const double roof = bench::rooflineGpix(c.separable ? bench::separableFlops(c.k)
                                                                : bench::denseFlops(c.k));
            results.push_back({{"impl", id},
                               {"case", c.name},
                               {"k", c.k},
                               {"separable", c.separable},
                               {"width", width},
                               {"height", height},
                               {"warmup", warmup},
                               {"samples", ms.size()},
                               {"median_ms", s.median},
                               {"p10_ms", s.p10},
                               {"p90_ms", s.p90},
                               {"gpix_per_s", gpix},
                               {"roofline_gpix_per_s", roof},
                               {"roofline_percent", 100.0 * gpix / roof},
                               {"samples_ms", ms}});
            std::printf(
                "%-11s %-12s median %8.3f ms (p10 %8.3f p90 %8.3f)  %7.1f Gpix/s  %5.1f%% of "
                "%6.1f\n",
                id.c_str(), c.name.c_str(), s.median, s.p10, s.p90, gpix, 100.0 * gpix / roof,
                roof);
            std::fflush(stdout);
        }
    }

    // End to end through the host path, pinned against pageable staging, dense 3x3.
    nlohmann::json endToEnd = nlohmann::json::array();
    if (Backend* fast = registry.find("cuda-fast"); fast != nullptr && fast->info().available) {
        for (bool pinned : {true, false}) {
            RunOptions options;
            options.pinnedStaging = pinned;
            Image output;
            std::vector<double> up, kernel, down, total;
            for (int i = 0; i < 3 + 10; ++i) {
                const RunResult r = fast->run(input, list[0].request, output, options);
                if (i >= 3) {
                    up.push_back(r.stage("upload"));
                    kernel.push_back(r.stage("kernel"));
                    down.push_back(r.stage("download"));
                    total.push_back(r.totalMilliseconds);
                }
            }
            const SampleStats u = summarize(up), k = summarize(kernel), d = summarize(down),
                              t = summarize(total);
            endToEnd.push_back({{"impl", "cuda-fast"},
                                {"case", list[0].name},
                                {"staging", pinned ? "pinned" : "pageable"},
                                {"upload_ms", u.median},
                                {"kernel_ms", k.median},
                                {"download_ms", d.median},
                                {"total_ms", t.median},
                                {"samples", total.size()}});
            std::printf(
                "end-to-end %-8s upload %7.2f ms  kernel %6.3f ms  download %7.2f ms  total %7.2f "
                "ms\n",
                pinned ? "pinned" : "pageable", u.median, k.median, d.median, t.median);
        }
    }
    if (results.empty()) {
        std::cerr << "convis_cuda_bench: no CUDA backend could run\n";
        return 1;
    }
    std::ofstream(jsonPath) << nlohmann::json{{"tool", "convis_cuda_bench"},
                                              {"kernel_only", results},
                                              {"end_to_end", endToEnd}}
                                   .dump(1)
                            << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const InputError& e) {
        std::cerr << "convis_cuda_bench: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "convis_cuda_bench: " << e.what() << "\n";
        return 1;
    }
}
