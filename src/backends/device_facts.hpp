// GPU facts for the device panel and reports: filled from the CUDA runtime where a device
// exists, otherwise a reason ("no CUDA device: built without CUDA").
#pragma once

#include <optional>
#include <string>

#include "core/timing_report.hpp"

namespace convis {

struct DeviceQuery {
    std::optional<DeviceFacts> facts;  // device 0, when there is one
    std::string reason;                // "no CUDA device: <why>" when facts is empty
};

DeviceQuery queryDeviceFacts();

// FP32 cores per multiprocessor for a compute capability (NVIDIA's published figures); 0 when
// the architecture is not in the table.
int coresPerMultiprocessor(int major, int minor);

}  // namespace convis
