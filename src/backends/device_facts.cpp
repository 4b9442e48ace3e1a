// The cores-per-SM table, shared by the CUDA and the CUDA-free builds.
#include "backends/device_facts.hpp"

namespace convis {

int coresPerMultiprocessor(int major, int minor) {
    switch (major * 10 + minor) {
        case 75:  // Turing
        case 80:  // A100
            return 64;
        case 86:   // Ampere consumer
        case 87:   // Orin
        case 89:   // Ada
        case 90:   // Hopper
        case 100:  // Blackwell
        case 103:
        case 110:
        case 120:
        case 121:
            return 128;
        default:
            return 0;
    }
}

}  // namespace convis
