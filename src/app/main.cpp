// convis entry point: no subcommand opens the desktop application, a subcommand runs headless.
#include "app/cli.hpp"
#include "app/gui.hpp"

int main(int argc, char** argv) {
    if (convis::wantsGui(argc, argv)) {
        return convis::runGui(argc, argv);
    }
    return convis::runCli(argc, argv);
}
