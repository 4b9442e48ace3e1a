// Built without the desktop application: say so, and point to the subcommands.
#include <cstdio>

#include "app/gui.hpp"

namespace convis {

// Without the window every option belongs to the subcommands; only a bare `convis` says why
// there is no window.
bool wantsGui(int argc, char** /*argv*/) {
    return argc < 2;
}

int runGui(int /*argc*/, char** /*argv*/) {
    std::fprintf(stderr,
                 "convis: error: this build has no desktop application (CONVIS_WITH_GUI=OFF); "
                 "the subcommands work: convis --help\n");
    return 2;
}

}  // namespace convis
