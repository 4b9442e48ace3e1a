// Device facts from the CUDA runtime (properties and attributes), the PCIe link from sysfs.
#include <cuda_runtime.h>

#include <cstdio>
#include <fstream>

#include "backends/cuda_probe.hpp"
#include "backends/device_facts.hpp"

namespace convis {

namespace {

std::string versionText(int version) {
    // CUDA encodes versions as 1000 * major + 10 * minor.
    return std::to_string(version / 1000) + "." + std::to_string((version % 1000) / 10);
}

std::string firstLine(const std::string& path) {
    std::ifstream file(path);
    std::string line;
    std::getline(file, line);
    return line;
}

// "32.0 GT/s PCIe" + "16" -> "Gen5 x16 (32.0 GT/s)"; "" when sysfs does not say.
std::string pcieLink(int domain, int bus, int device) {
    char address[32];
    std::snprintf(address, sizeof address, "%04x:%02x:%02x.0", static_cast<unsigned>(domain),
                  static_cast<unsigned>(bus), static_cast<unsigned>(device));
    const std::string dir = std::string("/sys/bus/pci/devices/") + address + "/";
    const std::string speed = firstLine(dir + "current_link_speed");
    const std::string width = firstLine(dir + "current_link_width");
    if (speed.empty() || width.empty()) {
        return "";
    }
    const double gts = std::atof(speed.c_str());
    const char* gen = gts >= 60   ? "Gen6"
                      : gts >= 30 ? "Gen5"
                      : gts >= 15 ? "Gen4"
                      : gts >= 7  ? "Gen3"
                      : gts >= 4  ? "Gen2"
                                  : "Gen1";
    const std::string rate = speed.substr(0, speed.find(' '));
    return std::string(gen) + " x" + width + " (" + rate + " GT/s)";
}

int attribute(cudaDeviceAttr which, int device) {
    int value = 0;
    return cudaDeviceGetAttribute(&value, which, device) == cudaSuccess ? value : 0;
}

}  // namespace

DeviceQuery queryDeviceFacts() {
    const CudaProbe probe = probeCudaDevice();
    if (probe.deviceName.empty()) {
        return {std::nullopt, "no CUDA device: " + probe.reason};
    }
    cudaDeviceProp props{};
    const cudaError_t status = cudaGetDeviceProperties(&props, 0);
    if (status != cudaSuccess) {
        return {std::nullopt, std::string("no CUDA device: ") + cudaGetErrorString(status)};
    }
    DeviceFacts f;
    f.name = props.name;
    f.computeCapability = std::to_string(props.major) + "." + std::to_string(props.minor);
    f.multiprocessors = props.multiProcessorCount;
    f.cudaCores = props.multiProcessorCount * coresPerMultiprocessor(props.major, props.minor);
    f.memoryGiB = static_cast<double>(props.totalGlobalMem) / (1024.0 * 1024.0 * 1024.0);
    // Clock attributes are in kHz (cudaDeviceProp's clock fields are gone in CUDA 13).
    f.clockMHz = attribute(cudaDevAttrClockRate, 0) / 1000.0;
    f.memoryClockMHz = attribute(cudaDevAttrMemoryClockRate, 0) / 1000.0;
    f.memoryBusBits = attribute(cudaDevAttrGlobalMemoryBusWidth, 0);
    int driver = 0;
    int runtime = 0;
    if (cudaDriverGetVersion(&driver) == cudaSuccess) {
        f.driverVersion = versionText(driver);
    }
    if (cudaRuntimeGetVersion(&runtime) == cudaSuccess) {
        f.runtimeVersion = versionText(runtime);
    }
    f.pcieLink = pcieLink(props.pciDomainID, props.pciBusID, props.pciDeviceID);
    DeviceQuery query{f, {}};
    if (!probe.available) {
        query.reason = probe.reason;  // facts shown, with why the backends cannot use it
    }
    return query;
}

}  // namespace convis
