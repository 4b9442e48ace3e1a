// Command-line entry: parses argv and runs a subcommand. Returns the process exit code
// (0 success, 2 bad input or failure, with a one-line message on stderr).
#pragma once

namespace convis {

int runCli(int argc, char** argv);

}  // namespace convis
