// Built without the desktop application: say so, and point to the subcommands.
#include <cstdio>

#include "app/gui.hpp"

namespace convis {

int runGui(int /*argc*/, char** /*argv*/) {
    std::fprintf(stderr,
                 "convis: error: this build has no desktop application (CONVIS_WITH_GUI=OFF); "
                 "the subcommands work: convis --help\n");
    return 2;
}

}  // namespace convis
