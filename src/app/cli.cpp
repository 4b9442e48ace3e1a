// Subcommand table for the command line, and the one place where every failure becomes a
// single line on stderr and exit code 2.
#include "app/cli.hpp"

#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>
#include <new>
#include <string>

#include "app/cli_commands.hpp"

namespace convis {

namespace {

constexpr int kExitBadInput = 2;

// One line, whatever the message holds: newlines would break scripts that read stderr.
int reportError(std::string_view message) {
    std::string line(message);
    for (char& c : line) {
        if (c == '\n' || c == '\r') {
            c = ' ';
        }
    }
    while (!line.empty() && line.back() == ' ') {
        line.pop_back();
    }
    std::cerr << "convis: error: " << line << std::endl;
    return kExitBadInput;
}

}  // namespace

int runCli(int argc, char** argv) {
    try {
        CLI::App app{"convis: convolution on the CPU and the GPU, shown and measured"};
        app.require_subcommand(1);
        CliContext context;
        addApplyCommand(app, context);
        addInfoCommand(app, context);
        addBenchCommand(app, context);
        addSweepCommand(app, context);
        addAnimateCommand(app, context);
        // CLI11 would only say "a subcommand is required" for a mistyped one.
        if (argc >= 2 && argv[1][0] != '-') {
            const std::string name = argv[1];
            std::string known;
            bool found = false;
            for (const CLI::App* command : app.get_subcommands({})) {
                found = found || command->get_name() == name;
                known += (known.empty() ? "" : ", ") + command->get_name();
            }
            if (!found) {
                return reportError("unknown command '" + name + "' (" + known + ")");
            }
        }
        try {
            app.parse(argc, argv);
        } catch (const CLI::ParseError& e) {
            if (e.get_exit_code() == 0) {
                return app.exit(e);  // --help: printed to stdout, success
            }
            return reportError(e.what());
        }
        std::cout.flush();
        if (!std::cout) {  // e.g. `convis info > /dev/full`: the output was lost
            return reportError("cannot write to standard output");
        }
        return context.exitCode;
    } catch (const std::bad_alloc&) {
        return reportError("out of memory");
    } catch (const std::exception& e) {
        return reportError(e.what());
    } catch (...) {
        return reportError("unexpected failure");
    }
}

}  // namespace convis
