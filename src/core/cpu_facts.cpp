// Reads the CPU model and thread counts; every source is optional and may be missing.
#include "core/cpu_facts.hpp"

#include <sched.h>

#include <fstream>
#include <thread>

namespace convis {

CpuFacts queryCpuFacts() {
    CpuFacts facts;
    facts.model = "unknown";
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line;
    while (std::getline(cpuinfo, line)) {
        if (line.rfind("model name", 0) == 0) {
            const std::size_t colon = line.find(':');
            if (colon != std::string::npos && colon + 2 <= line.size()) {
                facts.model = line.substr(colon + 2);
            }
            break;
        }
    }
    facts.hardwareThreads = std::thread::hardware_concurrency();
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
        facts.usableThreads = static_cast<unsigned>(CPU_COUNT(&set));
    }
    return facts;
}

}  // namespace convis
