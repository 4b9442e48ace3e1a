// `convis info`: backends with availability and reasons, presets, border modes.
#include <iostream>

#include "app/cli_commands.hpp"
#include "backends/registry.hpp"
#include "core/kernel_presets.hpp"

namespace convis {

void addInfoCommand(CLI::App& app, CliContext& context) {
    CLI::App* info =
        app.add_subcommand("info", "List backends (with availability), presets and border modes");
    info->callback([&context]() {
        BackendRegistry registry;
        std::cout << "convis " << CONVIS_VERSION << "\n\nBackends:\n";
        for (const BackendInfo& b : registry.infos()) {
            std::cout << "  " << b.id
                      << (b.available ? "  available" : "  unavailable: " + b.reason);
            if (b.kind == BackendKind::CpuParallel) {
                std::cout << "  (" << b.description << ")";  // threads and instruction set
            }
            std::cout << "\n";
        }
        std::cout << "\nPresets:\n";
        for (const PresetInfo& p : presetList()) {
            std::cout << "  " << p.id << "  " << p.description << "\n";
        }
        context.exitCode = 0;
    });
}

}  // namespace convis
