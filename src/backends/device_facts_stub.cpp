// Device facts in a build without CUDA: no device, and the reason.
#include "backends/device_facts.hpp"

namespace convis {

DeviceQuery queryDeviceFacts() {
    return {std::nullopt, "no CUDA device: built without CUDA"};
}

}  // namespace convis
