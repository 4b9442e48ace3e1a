// convis entry point.
#include "app/cli.hpp"

int main(int argc, char** argv) {
    return convis::runCli(argc, argv);
}
