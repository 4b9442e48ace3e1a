// convis_interop_check: CUDA writes the convolution into a real GL texture (interop, and the
// copy path), read back with glGetTexImage and compared with the sequential CPU reference.
// Exit codes: 0 all correct, 1 a mismatch or failure, 77 skipped (no GPU, driver or context).
#include <epoxy/gl.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <future>
#include <string>
#include <vector>

#include "backends/cpu_sequential.hpp"
#include "check_texture.hpp"
#include "core/kernel_presets.hpp"
#include "gl_context.hpp"
#include "interop/cuda_gl_producer.hpp"

using namespace convis;

namespace {

constexpr int kSkip = 77;

struct Options {
    std::string context = "egl";  // egl | glx
    bool expectFallback = false;  // interop must be unavailable; the copy path must be right
    bool quick = false;           // leave out the largest size
    bool timing = true;           // time the stages at 1920x1080 (off under a sanitizer)
};

struct NamedRequest {
    std::string name;
    ConvRequest request;
};

// Presets with integer weights (must match exactly) and float weights (<= 1 LSB), symmetric
// and asymmetric (the flip of convolution shows), plus non-default channels and abs.
std::vector<NamedRequest> requests() {
    std::vector<NamedRequest> list;
    for (const char* id : {"gaussian3", "sobel-x", "emboss", "box5", "log"}) {
        list.push_back({id, makePreset(id)});
    }
    PresetParams wide;
    wide.sigma = 1.5f;
    list.push_back({"gaussian-s1.5", makePreset("gaussian", wide)});
    ConvRequest odd = makePreset("sobel-y");
    odd.absolute = true;
    odd.offset = 0.0f;
    odd.channels = {true, false, true, true};
    list.push_back({"abs-sobel-y-rba", odd});
    ConvRequest tall;
    std::vector<float> weights(3 * 9);
    for (std::size_t i = 0; i < weights.size(); ++i) {
        weights[i] = static_cast<float>(static_cast<int>(i % 7) - 3) * 0.37f;
    }
    tall.kernel = Kernel(3, 9, weights);
    tall.offset = 128.0f;
    list.push_back({"float-3x9", tall});
    return list;
}

// Deterministic, structured, never all-zero: a gradient plus xorshift noise in every channel.
Image testImage(int width, int height) {
    Image image(width, height);
    std::uint32_t state = 0x9e3779b9u ^ static_cast<std::uint32_t>(width * 7919 + height);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            std::uint8_t* p = image.pixel(x, y);
            for (int c = 0; c < 4; ++c) {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                const int value =
                    (x * 3 + y * 5 + c * 60) % 256 / 2 + static_cast<int>(state % 128);
                p[c] = static_cast<std::uint8_t>(value);
            }
        }
    }
    return image;
}

struct Comparison {
    std::size_t differing = 0;  // channel values that differ at all
    int maxDifference = 0;
};

Comparison compare(const std::vector<std::uint8_t>& got, const Image& expected) {
    Comparison result;
    for (std::size_t i = 0; i < got.size(); ++i) {
        const int d = std::abs(static_cast<int>(got[i]) - static_cast<int>(expected.bytes()[i]));
        if (d != 0) {
            ++result.differing;
            result.maxDifference = std::max(result.maxDifference, d);
        }
    }
    return result;
}

struct Tally {
    int runs = 0;
    int failures = 0;
    // Float-weight kernels only (allowed up to 1 LSB), per kernel: Naive, Tiled, Fast.
    std::size_t inexactValues[3] = {0, 0, 0};
};

bool parse(int argc, char** argv, Options& options) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--context" && i + 1 < argc) {
            options.context = argv[++i];
        } else if (arg == "--expect-fallback") {
            options.expectFallback = true;
        } else if (arg == "--quick") {
            options.quick = true;
        } else if (arg == "--no-timing") {
            options.timing = false;
        } else {
            std::fprintf(stderr,
                         "usage: convis_interop_check [--context egl|glx] [--expect-fallback] "
                         "[--quick] [--no-timing]\n");
            return false;
        }
    }
    return options.context == "egl" || options.context == "glx";
}

// Runs every kernel, border and request at one size through the producer into the texture.
void checkSize(CudaGlProducer& producer, check::CheckTexture& texture, int width, int height,
               const std::vector<NamedRequest>& list, Tally& tally) {
    const Image input = testImage(width, height);
    std::string error;
    if (!producer.setInput(input, &error)) {
        std::printf("FAIL setInput %dx%d: %s\n", width, height, error.c_str());
        ++tally.failures;
        return;
    }
    producer.releaseTexture();  // the storage is respecified next
    texture.resize(width, height);

    // The references for every (request, border), computed in parallel: each is sequential.
    struct Case {
        const NamedRequest* named;
        ConvRequest request;
        std::future<Image> reference;
    };
    std::vector<Case> cases;
    for (const NamedRequest& named : list) {
        for (BorderMode border : kAllBorderModes) {
            ConvRequest request = named.request;
            request.border = border;
            cases.push_back({&named, request, std::async(std::launch::async, [&input, request] {
                                 Image out;
                                 CpuSequentialBackend().run(input, request, out, {});
                                 return out;
                             })});
        }
    }
    const TextureTarget target{texture.id(), width, height};
    for (Case& item : cases) {
        const Image reference = item.reference.get();
        const bool integer = item.request.kernel.isIntegerValued();
        for (SurfaceKernel kernel :
             {SurfaceKernel::Naive, SurfaceKernel::Tiled, SurfaceKernel::Fast}) {
            ++tally.runs;
            ProduceOptions options;
            options.kernel = kernel;
            Image hostCopy;
            options.hostCopy = &hostCopy;
            const ProduceResult result = producer.produce(target, item.request, options);
            const std::string label = std::string(surfaceKernelId(kernel)) + " " +
                                      std::to_string(width) + "x" + std::to_string(height) + " " +
                                      item.named->name + " " +
                                      std::string(borderName(item.request.border));
            if (!result.ok) {
                std::printf("FAIL %s: %s\n", label.c_str(), result.error.c_str());
                ++tally.failures;
                continue;
            }
            const std::vector<std::uint8_t> shown = texture.read();
            const Comparison c = compare(shown, reference);
            const std::string glError = check::pendingGlError();
            // The host copy must be the very bytes the texture holds.
            const Comparison copy = compare(hostCopy.bytes(), reference);
            const bool sameCopy = copy.differing == c.differing &&
                                  copy.maxDifference == c.maxDifference &&
                                  hostCopy.bytes() == shown;
            const bool ok =
                glError.empty() && sameCopy && (integer ? c.differing == 0 : c.maxDifference <= 1);
            if (!integer) {
                tally.inexactValues[static_cast<int>(kernel)] += c.differing;
            }
            if (!ok) {
                std::printf("FAIL %s (%s): %zu values differ, max %d; host copy %s %s\n",
                            label.c_str(), result.viaInterop ? "interop" : "copy", c.differing,
                            c.maxDifference, sameCopy ? "same" : "DIFFERENT", glError.c_str());
                ++tally.failures;
            }
        }
    }
}

double median(std::vector<double> values) {
    if (values.empty()) {
        return 0.0;
    }
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// Median stage times of 20 runs (after 3 warm-up runs) at 1920x1080, for the record.
void timeStages(CudaGlProducer& producer, check::CheckTexture& texture) {
    const int width = 1920;
    const int height = 1080;
    const Image input = testImage(width, height);
    if (!producer.setInput(input)) {
        return;
    }
    producer.releaseTexture();
    texture.resize(width, height);
    const ConvRequest request = makePreset("gaussian5");
    for (SurfaceKernel kernel : {SurfaceKernel::Naive, SurfaceKernel::Tiled, SurfaceKernel::Fast}) {
        ProduceOptions options;
        options.kernel = kernel;
        std::vector<std::string> names;
        std::vector<std::vector<double>> samples;
        std::vector<double> totals;
        bool interop = false;
        for (int i = 0; i < 23; ++i) {
            const ProduceResult r =
                producer.produce({texture.id(), width, height}, request, options);
            if (!r.ok) {
                std::printf("timing %s failed: %s\n", surfaceKernelId(kernel), r.error.c_str());
                return;
            }
            if (i < 3) {
                continue;
            }
            interop = r.viaInterop;
            totals.push_back(r.timing.totalMilliseconds);
            for (const StageTime& stage : r.timing.stages) {
                const auto at = std::find(names.begin(), names.end(), stage.name);
                if (at == names.end()) {
                    names.push_back(stage.name);
                    samples.push_back({stage.milliseconds});
                } else {
                    samples[static_cast<std::size_t>(at - names.begin())].push_back(
                        stage.milliseconds);
                }
            }
        }
        std::printf("timing %-10s 1920x1080 gaussian5 (%s), median of 20:", surfaceKernelId(kernel),
                    interop ? "interop" : "copy");
        for (std::size_t i = 0; i < names.size(); ++i) {
            std::printf(" %s %.3f ms,", names[i].c_str(), median(samples[i]));
        }
        std::printf(" total %.3f ms\n", median(totals));
    }
}

// Errors that must fail one call without disabling the producer.
bool checkRefusals(CudaGlProducer& producer, check::CheckTexture& texture) {
    const Image input = testImage(8, 8);
    if (!producer.setInput(input)) {
        return false;
    }
    producer.releaseTexture();
    texture.resize(8, 8);
    const ConvRequest request = makePreset("box3");
    const ProduceResult wrongSize = producer.produce({texture.id(), 9, 8}, request, {});
    ProduceOptions badBlock;
    badBlock.blockWidth = 64;
    const ProduceResult wrongBlock = producer.produce({texture.id(), 8, 8}, request, badBlock);
    ConvRequest zero = request;
    zero.divisor = 0.0f;
    const ProduceResult badRequest = producer.produce({texture.id(), 8, 8}, zero, {});
    const ProduceResult fine = producer.produce({texture.id(), 8, 8}, request, {});
    std::printf("refused: size mismatch -> \"%s\"\n", wrongSize.error.c_str());
    std::printf("refused: block 64x16 -> \"%s\"\n", wrongBlock.error.c_str());
    std::printf("refused: divisor 0 -> \"%s\"\n", badRequest.error.c_str());
    return !wrongSize.ok && !wrongBlock.ok && !badRequest.ok && fine.ok;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    if (!parse(argc, argv, options)) {
        return 2;
    }
    std::string why;
    const std::unique_ptr<check::GlContext> context =
        options.context == "egl" ? check::createEglContext(why) : check::createGlfwContext(why);
    if (!context) {
        std::printf("skipped: no OpenGL context (%s): %s\n", options.context.c_str(), why.c_str());
        return kSkip;
    }
    std::printf("context: %s; GL_VENDOR %s; GL_RENDERER %s; GL_VERSION %s\n",
                context->describe().c_str(), reinterpret_cast<const char*>(glGetString(GL_VENDOR)),
                reinterpret_cast<const char*>(glGetString(GL_RENDERER)),
                reinterpret_cast<const char*>(glGetString(GL_VERSION)));

    int exitCode = 0;
    {
        // Declared before the producer, so the producer (and its registration) goes first.
        check::CheckTexture texture;
        CudaGlProducer producer;
        // A copy: the producer's own status changes if a path is lost later.
        const InteropStatus status = producer.probe();
        std::printf("probe: cuda %s, interop %s%s%s\n", status.cudaAvailable ? "yes" : "no",
                    status.interopAvailable ? "yes" : "no", status.reason.empty() ? "" : ": ",
                    status.reason.c_str());
        std::printf("badge: %s\n", producer.badge().c_str());
        if (!status.cudaAvailable) {
            std::printf("skipped: CUDA cannot run here (%s)\n", status.reason.c_str());
            return kSkip;
        }
        if (options.expectFallback && status.interopAvailable) {
            std::printf("FAIL: interop is available, but this run expected the fallback\n");
            return 1;
        }
        if (!options.expectFallback && !status.interopAvailable) {
            std::printf("interop is unavailable here; checking the copy path only\n");
        }

        const std::vector<NamedRequest> list = requests();
        std::vector<std::pair<int, int>> sizes{{1, 1}, {7, 3}, {37, 23}};
        if (!options.quick) {
            sizes.emplace_back(1921, 1081);
        }
        const std::vector<bool> paths =
            status.interopAvailable ? std::vector<bool>{true, false} : std::vector<bool>{false};
        for (const bool interop : paths) {
            producer.setInteropAllowed(interop);
            Tally tally;
            for (const auto& [width, height] : sizes) {
                checkSize(producer, texture, width, height, list, tally);
            }
            const bool refusals = checkRefusals(producer, texture);
            const bool stayed = producer.status().interopAvailable == status.interopAvailable;
            std::printf(
                "%s path: %d runs, %d failures, float-kernel values off by 1 LSB: "
                "naive %zu, tiled %zu, fast %zu; refusals %s, path %s; badge: %s\n",
                interop ? "interop" : "copy", tally.runs, tally.failures, tally.inexactValues[0],
                tally.inexactValues[1], tally.inexactValues[2], refusals ? "ok" : "WRONG",
                stayed ? "kept" : "LOST", producer.badge().c_str());
            if (tally.failures != 0 || !refusals || !stayed) {
                exitCode = 1;
            }
            if (options.timing) {
                timeStages(producer, texture);
            }
        }
        if (!status.interopAvailable && !options.expectFallback && exitCode == 0) {
            std::printf("skipped: interop unavailable (%s); the copy path is correct\n",
                        producer.status().reason.c_str());
            exitCode = kSkip;
        }
        producer.releaseTexture();  // before the texture and the context go
    }
    std::printf("%s\n", exitCode == 0 ? "PASS" : exitCode == kSkip ? "SKIP" : "FAIL");
    return exitCode;
}
