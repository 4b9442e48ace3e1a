// Entry to the desktop application: `convis` with no subcommand, or with GUI options such as
// --screenshot. Returns the process exit code (2 when no window can be opened).
#pragma once

namespace convis {

// True when argv asks for the window rather than a subcommand.
bool wantsGui(int argc, char** argv);
int runGui(int argc, char** argv);

}  // namespace convis
