// Facts about the host CPU for `convis info` and benchmark reports.
#pragma once

#include <string>

namespace convis {

struct CpuFacts {
    std::string model;             // from /proc/cpuinfo, or "unknown"
    unsigned hardwareThreads = 0;  // std::thread::hardware_concurrency(), 0 when unknown
    unsigned usableThreads = 0;    // CPUs this process may run on (affinity mask), 0 when unknown
};

CpuFacts queryCpuFacts();

}  // namespace convis
