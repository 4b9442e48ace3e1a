// Turning the filter and run options of the command line into a ConvRequest and RunOptions.
#include "app/cli_request_options.hpp"

#include <sys/stat.h>

#include <charconv>

#include "backends/registry.hpp"
#include "core/error.hpp"
#include "core/kernel_presets.hpp"
#include "core/kernel_text.hpp"

namespace convis {

namespace {

bool isPreset(const std::string& id) {
    for (const PresetInfo& preset : presetList()) {
        if (preset.id == id) {
            return true;
        }
    }
    return false;
}

int parseBlockSide(std::string_view text, const std::string& whole) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
        throw InputError("--block '" + whole + "': expected WIDTHxHEIGHT, e.g. 16x16");
    }
    if (value < 8 || value > 32) {
        throw InputError("--block '" + whole + "': each side must be 8 to 32 threads");
    }
    return value;
}

}  // namespace

void addRequestOptions(CLI::App& command, RequestOptions& options) {
    command
        .add_option("-k,--kernel", options.kernel,
                    "Preset id (see `convis info`) or a kernel text file")
        ->capture_default_str();
    command
        .add_option("--mode", options.mode,
                    "convolution (kernel rotated 180 degrees, the textbook) or correlation")
        ->capture_default_str();
    command.add_option("-b,--border", options.border,
                       "Border mode: zero, clamp, mirror (reflect-101) or wrap [default: clamp]");
    options.divisorOption =
        command.add_option("--divisor", options.divisor, "Divide each sum by this (not 0)");
    command
        .add_flag("--normalise,--normalize", options.normalise,
                  "Divide by the sum of the weights (not for zero-sum kernels)")
        ->excludes(options.divisorOption);
    options.offsetOption =
        command.add_option("--offset", options.offset, "Add this after dividing (128 shows sign)");
    command.add_flag("--abs", options.absolute, "Take the absolute value before the offset");
    options.sigmaOption = command.add_option("--sigma", options.sigma,
                                             "gaussian and log presets: sigma in pixels, 0.2 to 5");
    options.sizeOption = command.add_option("--size", options.size,
                                            "box and motion-blur presets: odd size, 1 to 31");
    command
        .add_option("--channels", options.channels,
                    "Channels to filter, e.g. rgb, rgba, r; the others are copied")
        ->capture_default_str();
}

void addRunOptions(CLI::App& command, RunSettings& settings) {
    command.add_option("--backend", settings.backend, "Backend id (see `convis info`)")
        ->capture_default_str();
    command.add_option("--threads", settings.threads, "CPU parallel backends: threads, 0 = all")
        ->check(CLI::Range(0, 1024))
        ->capture_default_str();
    command.add_option("--block", settings.block, "CUDA backends: threads per block, WxH")
        ->capture_default_str();
}

std::array<bool, 4> parseChannels(const std::string& text) {
    std::array<bool, 4> mask{false, false, false, false};
    if (text.empty()) {
        throw InputError("--channels is empty: name at least one of r, g, b, a");
    }
    constexpr std::string_view kNames = "rgba";
    for (char c : text) {
        const std::size_t index = kNames.find(static_cast<char>(c | 0x20));
        if (index == std::string_view::npos) {
            throw InputError("--channels '" + text + "': '" + std::string(1, c) +
                             "' is not one of r, g, b, a");
        }
        if (mask[index]) {
            throw InputError("--channels '" + text + "': '" + std::string(1, c) +
                             "' is given twice");
        }
        mask[index] = true;
    }
    return mask;
}

namespace {

bool given(const CLI::Option* option) {
    return option != nullptr && option->count() > 0;
}

// A parameter the kernel would ignore is an error: the user expects it to change something.
void checkParameterApplies(const RequestOptions& options) {
    const std::string& k = options.kernel;
    if (given(options.sigmaOption) && k != "gaussian" && k != "log") {
        throw InputError("--sigma applies only to the gaussian and log presets, not to '" + k +
                         "'");
    }
    if (given(options.sizeOption) && k != "box" && k != "motion-blur") {
        throw InputError("--size applies only to the box and motion-blur presets, not to '" + k +
                         "'");
    }
}

}  // namespace

ConvRequest buildRequest(const RequestOptions& options) {
    checkParameterApplies(options);
    ConvRequest request;
    if (isPreset(options.kernel)) {
        request = makePreset(options.kernel, PresetParams{options.sigma, options.size});
    } else {
        struct stat info {};
        if (options.kernel.empty() || ::stat(options.kernel.c_str(), &info) != 0) {
            throw InputError("--kernel '" + options.kernel +
                             "' is neither a preset nor an existing kernel file (presets: "
                             "`convis info`)");
        }
        request.kernel = loadKernelFile(options.kernel);
    }
    if (options.mode == "convolution") {
        request.mode = KernelMode::Convolution;
    } else if (options.mode == "correlation") {
        request.mode = KernelMode::Correlation;
    } else {
        throw InputError("--mode '" + options.mode + "': use convolution or correlation");
    }
    if (!options.border.empty()) {
        const auto border = parseBorderMode(options.border);
        if (!border) {
            throw InputError("--border '" + options.border + "': use zero, clamp, mirror or wrap");
        }
        request.border = *border;
    }
    if (options.divisorOption != nullptr && options.divisorOption->count() > 0) {
        request.divisor = options.divisor;
    }
    if (options.normalise) {
        request.normalise();
    }
    if (options.offsetOption != nullptr && options.offsetOption->count() > 0) {
        request.offset = options.offset;
    }
    request.absolute = request.absolute || options.absolute;
    request.channels = parseChannels(options.channels);
    request.validate();
    return request;
}

std::string kernelStem(const RequestOptions& options) {
    if (isPreset(options.kernel)) {
        return options.kernel;
    }
    std::string_view name = options.kernel;
    const std::size_t slash = name.find_last_of('/');
    if (slash != std::string_view::npos) {
        name.remove_prefix(slash + 1);
    }
    const std::size_t dot = name.find_last_of('.');
    if (dot != std::string_view::npos && dot > 0) {
        name = name.substr(0, dot);
    }
    return name.empty() ? std::string("kernel") : std::string(name);
}

RunOptions buildRunOptions(const RunSettings& settings) {
    RunOptions options;
    options.threads = settings.threads;
    const std::size_t x = settings.block.find_first_of("xX");
    if (x == std::string::npos) {
        throw InputError("--block '" + settings.block + "': expected WIDTHxHEIGHT, e.g. 16x16");
    }
    const std::string_view block = settings.block;
    options.blockWidth = parseBlockSide(block.substr(0, x), settings.block);
    options.blockHeight = parseBlockSide(block.substr(x + 1), settings.block);
    return options;
}

Backend& findAvailableBackend(const BackendRegistry& registry, const std::string& id) {
    Backend* backend = registry.find(id);
    if (backend == nullptr) {
        std::string names;
        for (const BackendInfo& info : registry.infos()) {
            names += (names.empty() ? "" : ", ") + info.id;
        }
        throw InputError("unknown backend '" + id + "' (" + names + ")");
    }
    const BackendInfo info = backend->info();
    if (!info.available) {
        throw InputError("backend '" + id + "' is unavailable: " + info.reason);
    }
    return *backend;
}

}  // namespace convis
