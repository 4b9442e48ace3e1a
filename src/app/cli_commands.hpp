// The subcommands: each file cli_NAME.cpp adds one to the CLI11 app.
#pragma once

#include <CLI/CLI.hpp>

namespace convis {

// Shared between the subcommand callbacks and runCli: the exit code the callback decided.
struct CliContext {
    int exitCode = 0;
};

void addInfoCommand(CLI::App& app, CliContext& context);
void addBenchCommand(CLI::App& app, CliContext& context);
void addApplyCommand(CLI::App& app, CliContext& context);
void addSweepCommand(CLI::App& app, CliContext& context);
void addAnimateCommand(CLI::App& app, CliContext& context);

}  // namespace convis
