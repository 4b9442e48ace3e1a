// `convis info`: backends with availability and reasons, presets, patterns, bundled images,
// border modes and CPU facts.
#include <iomanip>
#include <iostream>

#include "app/cli_commands.hpp"
#include "backends/device_facts.hpp"
#include "backends/registry.hpp"
#include "core/border.hpp"
#include "core/bundled_images.hpp"
#include "core/cpu_facts.hpp"
#include "core/kernel_presets.hpp"
#include "core/patterns.hpp"
#include "core/timing_report.hpp"

namespace convis {

namespace {

void printInfo() {
    std::cout << "convis " << CONVIS_VERSION << "\n\nBackends:\n";
    const BackendRegistry registry;
    for (const BackendInfo& b : registry.infos()) {
        std::cout << "  " << std::left << std::setw(16) << b.id
                  << (b.available ? "available" : "unavailable: " + b.reason);
        if (b.kind == BackendKind::CpuParallel) {
            std::cout << " (" << b.description << ")";  // thread count and instruction set
        }
        std::cout << "\n";
    }
    std::cout << "\nPresets (--kernel):\n";
    for (const PresetInfo& p : presetList()) {
        std::cout << "  " << std::left << std::setw(16) << p.id << p.description << "\n";
    }
    std::cout << "\nBorder modes (--border):\n";
    for (BorderMode mode : kAllBorderModes) {
        std::cout << "  " << borderName(mode) << "\n";
    }
    std::cout << "\nKernel modes (--mode):\n"
              << "  convolution     the kernel is rotated 180 degrees (textbook; default)\n"
              << "  correlation     the kernel slides as written\n";
    std::cout << "\nBundled images (--input bundled:NAME):\n";
    for (const BundledImageInfo& image : bundledImageList()) {
        std::cout << "  " << std::left << std::setw(16) << image.id << image.description << " ("
                  << image.credit << ")\n";
    }
    std::cout << "\nPatterns (--input pattern:NAME:WxH, 1..8192 a side):\n";
    for (const PatternInfo& pattern : patternList()) {
        std::cout << "  " << std::left << std::setw(16) << pattern.id << pattern.description
                  << "\n";
    }
    const CpuFacts cpu = queryCpuFacts();
    std::cout << "\nCPU:\n  model             " << cpu.model << "\n  hardware threads  "
              << cpu.hardwareThreads << "\n  usable threads    " << cpu.usableThreads << "\n";
    const DeviceQuery gpu = queryDeviceFacts();
    std::cout << "\nGPU:\n";
    if (gpu.facts) {
        const DeviceFacts& g = *gpu.facts;
        std::cout << "  name              " << g.name << "\n  compute capability "
                  << g.computeCapability << "\n  multiprocessors   " << g.multiprocessors
                  << "\n  CUDA cores        " << g.cudaCores << "\n  SM clock          "
                  << g.clockMHz << " MHz\n  memory            " << g.memoryGiB
                  << " GiB\n  PCIe link         " << (g.pcieLink.empty() ? "unknown" : g.pcieLink)
                  << "\n  driver / runtime  " << g.driverVersion << " / " << g.runtimeVersion
                  << "\n";
    }
    if (!gpu.reason.empty()) {
        std::cout << "  " << gpu.reason << "\n";
    }
    const int cores = readCpuSummary().cores;
    std::cout << "\ncores: " << (cores > 0 ? cores : static_cast<int>(cpu.hardwareThreads))
              << " CPU vs "
              << (gpu.facts ? std::to_string(gpu.facts->cudaCores) + " GPU" : std::string("no GPU"))
              << "\n";
    std::cout.flush();
}

}  // namespace

void addInfoCommand(CLI::App& app, CliContext& context) {
    CLI::App* info = app.add_subcommand(
        "info", "List backends (with availability), presets, patterns, images, CPU facts");
    info->callback([&context]() {
        printInfo();
        context.exitCode = 0;
    });
}

}  // namespace convis
