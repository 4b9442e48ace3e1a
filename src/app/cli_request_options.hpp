// The options that describe a filter (kernel, mode, border, post-op, channels), shared by the
// subcommands that run one: apply, bench, sweep.
#pragma once

#include <CLI/CLI.hpp>
#include <array>
#include <string>

#include "backends/backend.hpp"
#include "core/conv_request.hpp"

namespace convis {

class BackendRegistry;

struct RequestOptions {
    std::string kernel = "gaussian";  // preset id or kernel text file
    std::string mode = "convolution";
    std::string border;  // empty: the preset's own (clamp)
    float divisor = 1.0f;
    bool normalise = false;
    float offset = 0.0f;
    bool absolute = false;
    float sigma = 0.0f;
    int size = 0;
    std::string channels = "rgb";
    CLI::Option* divisorOption = nullptr;  // set by addRequestOptions: was --divisor given?
    CLI::Option* offsetOption = nullptr;
    CLI::Option* sigmaOption = nullptr;
    CLI::Option* sizeOption = nullptr;
};

struct RunSettings {
    std::string backend = "cpu-sequential";
    int threads = 0;
    std::string block = "16x16";
};

void addRequestOptions(CLI::App& command, RequestOptions& options);
void addRunOptions(CLI::App& command, RunSettings& settings);

// The request the options describe. Throws InputError (unknown preset, bad kernel file,
// bad mode, border or channel list, zero-sum kernel with --normalise, ...).
ConvRequest buildRequest(const RequestOptions& options);

// A short name for the kernel: the preset id or the kernel file's stem.
std::string kernelStem(const RequestOptions& options);

// Threads and block size as RunOptions. Throws InputError for a malformed --block.
RunOptions buildRunOptions(const RunSettings& settings);

// The backend named by settings, checked to exist and be available. Throws InputError.
Backend& findAvailableBackend(const BackendRegistry& registry, const std::string& id);

// "rgb", "rgba", "a", ... as a channel mask. Throws InputError.
std::array<bool, 4> parseChannels(const std::string& text);

}  // namespace convis
