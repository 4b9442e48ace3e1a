// `convis apply`: filter one image with one backend and write the result as PNG.
#include <cstdio>
#include <iostream>
#include <memory>

#include "app/cli_commands.hpp"
#include "app/cli_request_options.hpp"
#include "backends/registry.hpp"
#include "core/atomic_file.hpp"
#include "core/image_io.hpp"
#include "core/image_source.hpp"

namespace convis {

namespace {

struct ApplyOptions {
    std::string input = defaultImageSource();
    std::string output;  // empty: STEM-KERNEL.png in the current folder
    RequestOptions request;
    RunSettings run;
};

void runApply(const ApplyOptions& options) {
    const ConvRequest request = buildRequest(options.request);
    const RunOptions runOptions = buildRunOptions(options.run);
    const BackendRegistry registry;
    Backend& backend = findAvailableBackend(registry, options.run.backend);
    std::string output = options.output;
    if (output.empty()) {
        output = imageSourceStem(options.input) + "-" + kernelStem(options.request) + ".png";
    }
    checkWritableTarget(output);  // fail before the work, not after it
    const Image input = loadImageSource(options.input);

    Image result;
    const RunResult timing = backend.run(input, request, result, runOptions);
    savePng(result, output);

    const double ms = timing.totalMilliseconds;
    const double mpix = ms > 0.0 ? static_cast<double>(input.pixelCount()) / (ms * 1000.0) : 0.0;
    char figures[96];
    std::snprintf(figures, sizeof figures, "%.2f ms, %.1f Mpix/s", ms, mpix);
    std::cout << input.width() << "x" << input.height() << " " << options.input << ", kernel "
              << kernelStem(options.request) << " " << request.kernel.width() << "x"
              << request.kernel.height() << " (" << kernelModeName(request.mode) << ", "
              << borderName(request.border) << "), " << options.run.backend << ": " << figures
              << " -> " << output << std::endl;
}

}  // namespace

void addApplyCommand(CLI::App& app, CliContext& context) {
    CLI::App* apply = app.add_subcommand("apply", "Filter an image and write the result as PNG");
    // Owned by the callback, which CLI11 keeps alive as long as the app.
    auto options = std::make_shared<ApplyOptions>();
    apply
        ->add_option("-i,--input", options->input,
                     "Image file, bundled:NAME (or NAME) or pattern:NAME:WxH")
        ->capture_default_str();
    apply->add_option("-o,--output", options->output,
                      "PNG file to write [default: INPUT-KERNEL.png in the current folder]");
    addRequestOptions(*apply, options->request);
    addRunOptions(*apply, options->run);
    apply->callback([options, &context]() {
        runApply(*options);
        context.exitCode = 0;
    });
}

}  // namespace convis
