// Subcommand table for the command line.
#include "app/cli.hpp"

#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "app/cli_commands.hpp"

namespace convis {

int runCli(int argc, char** argv) {
    CLI::App app{"convis: convolution on the CPU and the GPU, shown and measured"};
    app.require_subcommand(1);
    CliContext context;
    addInfoCommand(app, context);
    addBenchCommand(app, context);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : 2;
    }
    return context.exitCode;
}

}  // namespace convis
