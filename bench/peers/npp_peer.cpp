// NPP peer for the benchmark: nppiFilter (integer and float weights) for dense K x K kernels and
// the nppiFilterRow/Column pair for separable ones, on the same 7680x4320 RGBA8 image, timed
// with CUDA events like convis (warm-ups, rotated inputs, median p10 p90). NPP is loaded at run
// time, so this builds where only the CUDA runtime is installed.
#include <cuda_runtime.h>
#include <dlfcn.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/bench_kernels.hpp"
#include "core/timing.hpp"

namespace {

// The NPP types these entry points take, as nppdefs.h declares them.
struct NppiSize {
    int width;
    int height;
};
struct NppiPoint {
    int x;
    int y;
};
struct NppStreamContext {
    cudaStream_t hStream;
    int nCudaDeviceId;
    int nMultiProcessorCount;
    int nMaxThreadsPerMultiProcessor;
    int nMaxThreadsPerBlock;
    size_t nSharedMemPerBlock;
    int nCudaDevAttrComputeCapabilityMajor;
    int nCudaDevAttrComputeCapabilityMinor;
    unsigned int nStreamFlags;
    int nReserved0;
};
using FilterInt = int (*)(const unsigned char*, int, unsigned char*, int, NppiSize, const int*,
                          NppiSize, NppiPoint, int, NppStreamContext);
using FilterFloat = int (*)(const unsigned char*, int, unsigned char*, int, NppiSize, const float*,
                            NppiSize, NppiPoint, NppStreamContext);
using Filter1DFloat = int (*)(const unsigned char*, int, unsigned char*, int, NppiSize,
                              const float*, int, int, NppStreamContext);

void check(cudaError_t e, const char* what) {
    if (e != cudaSuccess) {
        throw std::runtime_error(std::string(what) + ": " + cudaGetErrorString(e));
    }
}
void checkNpp(int status, const char* what) {
    if (status < 0) {
        throw std::runtime_error(std::string(what) + " returned NPP status " +
                                 std::to_string(status));
    }
}

template <class F>
F symbol(void* lib, const char* name) {
    void* p = dlsym(lib, name);
    if (p == nullptr) {
        throw std::runtime_error(std::string("NPP has no ") + name);
    }
    return reinterpret_cast<F>(p);
}

constexpr int kMargin = 32;  // NPP filters read outside the ROI: every source has this border

struct Buffer {
    unsigned char* ptr = nullptr;
    size_t pitch = 0;
    Buffer(int w, int h) {
        check(cudaMallocPitch(reinterpret_cast<void**>(&ptr), &pitch, static_cast<size_t>(w) * 4,
                              static_cast<size_t>(h)),
              "cudaMallocPitch");
    }
    ~Buffer() { cudaFree(ptr); }
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;
    Buffer(Buffer&& o) noexcept : ptr(std::exchange(o.ptr, nullptr)), pitch(o.pitch) {}
    unsigned char* at(int x, int y) const {
        return ptr + static_cast<size_t>(y) * pitch + static_cast<size_t>(x) * 4;
    }
};

}  // namespace

int main(int argc, char** argv) {
    std::string jsonPath = "npp.json";
    int width = 7680;
    int height = 4320;
    const int warmup = 5;
    const int samples = 30;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::string(argv[i]) == "--json") {
            jsonPath = argv[i + 1];
        } else if (std::string(argv[i]) == "--size") {
            std::sscanf(argv[i + 1], "%dx%d", &width, &height);
        }
    }
    nlohmann::json results = nlohmann::json::array();
    try {
        void* lib = nullptr;
        for (const char* name : {"libnppif.so.13", "libnppif.so",
                                 "/usr/local/cuda/lib64/libnppif.so.13", "libnppif.so.12"}) {
            lib = dlopen(name, RTLD_NOW | RTLD_GLOBAL);
            if (lib != nullptr) {
                break;
            }
        }
        if (lib == nullptr) {
            throw std::runtime_error(std::string("cannot load NPP: ") + dlerror());
        }
        const auto filterInt = symbol<FilterInt>(lib, "nppiFilter_8u_C4R_Ctx");
        const auto filterFloat = symbol<FilterFloat>(lib, "nppiFilter32f_8u_C4R_Ctx");
        const auto rowFloat = symbol<Filter1DFloat>(lib, "nppiFilterRow32f_8u_C4R_Ctx");
        const auto columnFloat = symbol<Filter1DFloat>(lib, "nppiFilterColumn32f_8u_C4R_Ctx");

        cudaStream_t stream = nullptr;
        check(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking), "stream");
        NppStreamContext ctx{};
        ctx.hStream = stream;
        cudaDeviceProp props{};
        check(cudaGetDevice(&ctx.nCudaDeviceId), "cudaGetDevice");
        check(cudaGetDeviceProperties(&props, ctx.nCudaDeviceId), "properties");
        ctx.nMultiProcessorCount = props.multiProcessorCount;
        ctx.nMaxThreadsPerMultiProcessor = props.maxThreadsPerMultiProcessor;
        ctx.nMaxThreadsPerBlock = props.maxThreadsPerBlock;
        ctx.nSharedMemPerBlock = props.sharedMemPerBlock;
        ctx.nCudaDevAttrComputeCapabilityMajor = props.major;
        ctx.nCudaDevAttrComputeCapabilityMinor = props.minor;
        check(cudaStreamGetFlags(stream, &ctx.nStreamFlags), "flags");

        // Random sources (never zeros), rotated so the 50 MB L2 holds none of them.
        const int sw = width + 2 * kMargin;
        const int sh = height + 2 * kMargin;
        std::vector<unsigned char> host(static_cast<size_t>(sw) * sh * 4);
        std::mt19937 rng(1);
        for (auto& v : host) {
            v = static_cast<unsigned char>(rng() & 0xFF);
        }
        std::vector<Buffer> sources;
        for (int i = 0; i < 2; ++i) {
            sources.emplace_back(sw, sh);
            check(cudaMemcpy2D(sources.back().ptr, sources.back().pitch, host.data(),
                               static_cast<size_t>(sw) * 4, static_cast<size_t>(sw) * 4,
                               static_cast<size_t>(sh), cudaMemcpyHostToDevice),
                  "upload");
        }
        Buffer dst(width, height);
        Buffer tmp(width, height + 2 * kMargin);
        const NppiSize roi{width, height};
        const double pixels = static_cast<double>(width) * height;

        const auto time = [&](const std::string& impl, const std::string& caseName, int k,
                              bool separable, auto&& call) {
            std::vector<cudaEvent_t> events(static_cast<size_t>(samples) + 1);
            for (auto& e : events) {
                check(cudaEventCreate(&e), "event");
            }
            size_t next = 0;
            for (int i = 0; i < warmup; ++i) {
                call(sources[next++ % sources.size()]);
            }
            check(cudaEventRecord(events[0], stream), "record");
            for (int i = 0; i < samples; ++i) {
                call(sources[next++ % sources.size()]);
                check(cudaEventRecord(events[static_cast<size_t>(i) + 1], stream), "record");
            }
            check(cudaStreamSynchronize(stream), "sync");
            check(cudaGetLastError(), "launch");
            std::vector<double> ms;
            for (int i = 0; i < samples; ++i) {
                float t = 0.0f;
                check(cudaEventElapsedTime(&t, events[static_cast<size_t>(i)],
                                           events[static_cast<size_t>(i) + 1]),
                      "elapsed");
                ms.push_back(t);
            }
            for (auto& e : events) {
                cudaEventDestroy(e);
            }
            const convis::SampleStats s = convis::summarize(ms);
            const double gpix = pixels / (s.median * 1e-3) / 1e9;
            const double roof = convis::bench::rooflineGpix(
                separable ? convis::bench::separableFlops(k) : convis::bench::denseFlops(k));
            results.push_back({{"impl", impl},
                               {"case", caseName},
                               {"k", k},
                               {"separable", separable},
                               {"width", width},
                               {"height", height},
                               {"warmup", warmup},
                               {"samples", samples},
                               {"median_ms", s.median},
                               {"p10_ms", s.p10},
                               {"p90_ms", s.p90},
                               {"gpix_per_s", gpix},
                               {"roofline_gpix_per_s", roof},
                               {"roofline_percent", 100.0 * gpix / roof},
                               {"samples_ms", ms}});
            std::printf(
                "%-16s %-12s median %8.3f ms (p10 %8.3f p90 %8.3f)  %7.1f Gpix/s  %5.1f%%\n",
                impl.c_str(), caseName.c_str(), s.median, s.p10, s.p90, gpix, 100.0 * gpix / roof);
            std::fflush(stdout);
        };

        for (int k : {3, 5, 7, 9, 15, 31}) {
            const std::vector<int> wi = convis::bench::denseWeights(k);
            int sum = 0;
            std::vector<float> wf;
            for (int v : wi) {
                sum += v;
            }
            for (int v : wi) {
                wf.push_back(static_cast<float>(v) / static_cast<float>(sum));
            }
            int* d_wi = nullptr;
            float* d_wf = nullptr;
            check(cudaMalloc(reinterpret_cast<void**>(&d_wi), wi.size() * sizeof(int)), "malloc");
            check(cudaMalloc(reinterpret_cast<void**>(&d_wf), wf.size() * sizeof(float)), "malloc");
            check(cudaMemcpy(d_wi, wi.data(), wi.size() * sizeof(int), cudaMemcpyHostToDevice),
                  "cp");
            check(cudaMemcpy(d_wf, wf.data(), wf.size() * sizeof(float), cudaMemcpyHostToDevice),
                  "cp");
            const NppiSize ksize{k, k};
            const NppiPoint anchor{k / 2, k / 2};
            const std::string name = "dense" + std::to_string(k);
            time("npp-filter-int", name, k, false, [&](const Buffer& src) {
                checkNpp(filterInt(src.at(kMargin, kMargin), static_cast<int>(src.pitch), dst.ptr,
                                   static_cast<int>(dst.pitch), roi, d_wi, ksize, anchor, sum, ctx),
                         "nppiFilter_8u_C4R_Ctx");
            });
            time("npp-filter-32f", name, k, false, [&](const Buffer& src) {
                checkNpp(filterFloat(src.at(kMargin, kMargin), static_cast<int>(src.pitch), dst.ptr,
                                     static_cast<int>(dst.pitch), roi, d_wf, ksize, anchor, ctx),
                         "nppiFilter32f_8u_C4R_Ctx");
            });
            cudaFree(d_wi);
            cudaFree(d_wf);
        }
        for (int k : {9, 31}) {
            const std::vector<float> g = convis::bench::gaussianFactor(k);
            float* d_g = nullptr;
            check(cudaMalloc(reinterpret_cast<void**>(&d_g), g.size() * sizeof(float)), "malloc");
            check(cudaMemcpy(d_g, g.data(), g.size() * sizeof(float), cudaMemcpyHostToDevice),
                  "cp");
            const int r = k / 2;
            // Row pass over the rows the column pass needs, then the column pass.
            time("npp-row-column", "separable" + std::to_string(k), k, true,
                 [&](const Buffer& src) {
                     checkNpp(rowFloat(src.at(kMargin, kMargin - r), static_cast<int>(src.pitch),
                                       tmp.ptr, static_cast<int>(tmp.pitch),
                                       NppiSize{width, height + 2 * r}, d_g, k, r, ctx),
                              "nppiFilterRow32f_8u_C4R_Ctx");
                     checkNpp(columnFloat(tmp.at(0, r), static_cast<int>(tmp.pitch), dst.ptr,
                                          static_cast<int>(dst.pitch), roi, d_g, k, r, ctx),
                              "nppiFilterColumn32f_8u_C4R_Ctx");
                 });
            cudaFree(d_g);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "npp_peer: %s\n", e.what());
        std::ofstream(jsonPath) << nlohmann::json{
            {"tool", "npp_peer"},
            {"error", e.what()},
            {"kernel_only", results}}.dump(1);
        return 1;
    }
    std::ofstream(jsonPath) << nlohmann::json{{"tool", "npp_peer"}, {"kernel_only", results}}.dump(
        1);
    return 0;
}
