// Which way main() goes: a subcommand runs headless, anything else opens the window.
#include <string_view>

#include "app/gui.hpp"

namespace convis {

bool wantsGui(int argc, char** argv) {
    if (argc < 2) {
        return true;
    }
    const std::string_view first(argv[1]);
    // Options (--screenshot ...) belong to the window; help and version to the subcommands.
    return first.starts_with("-") && first != "-h" && first != "--help" && first != "--version";
}

}  // namespace convis
