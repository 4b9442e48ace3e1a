// The device tab.
#include "ui/device_panel.hpp"

#include <cstdio>

namespace convis::ui {

namespace {

void row(const char* name, const std::string& value) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(name);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(value.empty() ? "unknown" : value.c_str());
}

// "1980 MHz" from 1980.0; "" when unknown (0).
std::string number(double value, int decimals, const char* unit) {
    if (!(value > 0.0)) {
        return "";
    }
    char text[48];
    std::snprintf(text, sizeof text, "%.*f %s", decimals, value, unit);
    return text;
}

}  // namespace

std::string coresLine(const MachineFacts& facts) {
    const int cpu =
        facts.cpuCores > 0 ? facts.cpuCores : static_cast<int>(facts.cpu.hardwareThreads);
    std::string line = "cores: " + (cpu > 0 ? std::to_string(cpu) : std::string("?")) + " CPU vs ";
    if (!facts.haveGpu) {
        return line + "no GPU";
    }
    return line + (facts.gpu.cudaCores > 0 ? std::to_string(facts.gpu.cudaCores) : "?") + " GPU";
}

DevicePanel::DevicePanel() : Panel("Device") {}

void DevicePanel::drawContent(UiContext& context) {
    const MachineFacts& m = context.state.machine;
    ImGui::TextUnformatted(coresLine(m).c_str());
    tooltip(
        "Physical CPU cores against CUDA cores (FP32 lanes: SMs x cores per SM). A GPU core "
        "is much simpler than a CPU core: the numbers say how wide each is, not how fast.");
    ImGui::Separator();
    const ImGuiTableFlags flags =
        ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
    ImGui::TextUnformatted("GPU");
    if (!m.haveGpu) {
        ImGui::TextWrapped("%s", m.gpuReason.c_str());
    } else if (ImGui::BeginTable("gpu", 2, flags)) {
        const DeviceFacts& g = m.gpu;
        row("name", g.name);
        row("compute capability", g.computeCapability);
        row("multiprocessors (SMs)", std::to_string(g.multiprocessors));
        row("CUDA cores", g.cudaCores > 0 ? std::to_string(g.cudaCores) : "");
        row("SM clock", number(g.clockMHz, 0, "MHz"));
        row("memory", number(g.memoryGiB, 1, "GiB"));
        row("memory clock", number(g.memoryClockMHz, 0, "MHz"));
        row("memory bus", g.memoryBusBits > 0 ? std::to_string(g.memoryBusBits) + " bit" : "");
        row("PCIe link", g.pcieLink);
        row("driver (CUDA version)", g.driverVersion);
        row("runtime", g.runtimeVersion);
        ImGui::EndTable();
        if (!m.gpuReason.empty()) {
            ImGui::TextWrapped("not usable: %s", m.gpuReason.c_str());
        }
    }
    ImGui::Spacing();
    ImGui::TextUnformatted("CPU");
    if (ImGui::BeginTable("cpu", 2, flags)) {
        row("model", m.cpu.model);
        row("physical cores", m.cpuCores > 0 ? std::to_string(m.cpuCores) : "");
        row("hardware threads",
            m.cpu.hardwareThreads > 0 ? std::to_string(m.cpu.hardwareThreads) : "");
        row("threads usable here",
            m.cpu.usableThreads > 0 ? std::to_string(m.cpu.usableThreads) : "");
        ImGui::EndTable();
    }
    ImGui::Spacing();
    ImGui::TextUnformatted("Display");
    ImGui::TextWrapped("%s", context.state.displayInfo.c_str());
}

}  // namespace convis::ui
