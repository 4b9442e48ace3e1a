// Traced launch on the GPU: upload, warm up, launch with a slot per block, read slots back.
#include "backends/cuda_trace.hpp"

#include <algorithm>
#include <limits>

#include "backends/cuda_check.hpp"
#include "backends/cuda_plan.hpp"
#include "backends/cuda_probe.hpp"
#include "backends/device_buffer.hpp"
#include "kernels/conv_traced.hpp"

namespace convis {

TraceAvailability cudaTraceAvailability() {
    const CudaProbe probe = probeCudaDevice();
    return {probe.available, probe.reason};
}

TracedLaunch runTracedConvolution(const Image& input, const ConvRequest& request,
                                  const RunOptions& options) {
    const CudaProbe probe = probeCudaDevice();
    if (!probe.available) {
        throw BackendError("the GPU trace cannot run: " + probe.reason);
    }
    if (input.empty()) {
        throw InputError("the GPU trace needs a non-empty image");
    }
    const CudaLaunchPlan plan = makeCudaLaunchPlan(CudaVariant::Naive, input, request, options);
    const int w = input.width();
    const int h = input.height();
    const int gridW = (w + plan.blockWidth - 1) / plan.blockWidth;
    const int gridH = (h + plan.blockHeight - 1) / plan.blockHeight;
    const std::size_t blocks = static_cast<std::size_t>(gridW) * static_cast<std::size_t>(gridH);

    DeviceImage in(w, h);
    DeviceImage out(w, h);
    DeviceArray<float> taps(plan.taps.size());
    DeviceArray<TracedBlockSlot> slots(blocks);
    CONVIS_CUDA_CHECK(cudaMemcpy2D(in.data(), in.pitch(), input.data(), input.rowBytes(),
                                   input.rowBytes(), static_cast<std::size_t>(h),
                                   cudaMemcpyHostToDevice));
    CONVIS_CUDA_CHECK(cudaMemcpy(taps.data(), plan.taps.data(), plan.taps.size() * sizeof(float),
                                 cudaMemcpyHostToDevice));
    ConvParams params = plan.params;
    params.inPitch = in.pitch();
    params.outPitch = out.pitch();
    // The warm-up launch loads the module and warms the caches; only the second is kept.
    for (int pass = 0; pass < 2; ++pass) {
        CONVIS_CUDA_CHECK(cudaMemset(slots.data(), 0, blocks * sizeof(TracedBlockSlot)));
        CONVIS_CUDA_CHECK(static_cast<cudaError_t>(
            launchTracedConv(params, taps.data(), in.data(), out.data(), plan.blockWidth,
                             plan.blockHeight, slots.data(), nullptr)));
        CONVIS_CUDA_CHECK(cudaDeviceSynchronize());
    }
    std::vector<TracedBlockSlot> host(blocks);
    CONVIS_CUDA_CHECK(cudaMemcpy(host.data(), slots.data(), blocks * sizeof(TracedBlockSlot),
                                 cudaMemcpyDeviceToHost));
    TracedLaunch result;
    result.output = Image(w, h);
    CONVIS_CUDA_CHECK(cudaMemcpy2D(result.output.data(), result.output.rowBytes(), out.data(),
                                   out.pitch(), result.output.rowBytes(),
                                   static_cast<std::size_t>(h), cudaMemcpyDeviceToHost));
    int blocksPerSm = 0;
    CONVIS_CUDA_CHECK(static_cast<cudaError_t>(
        tracedConvOccupancy(plan.blockWidth, plan.blockHeight, &blocksPerSm)));
    cudaDeviceProp prop{};
    int device = 0;
    CONVIS_CUDA_CHECK(cudaGetDevice(&device));
    CONVIS_CUDA_CHECK(cudaGetDeviceProperties(&prop, device));
    result.gpu = GpuModel{prop.name, prop.multiProcessorCount, prop.maxThreadsPerMultiProcessor,
                          prop.maxBlocksPerMultiProcessor, blocksPerSm};
    result.launch = LaunchShape{plan.blockWidth, plan.blockHeight};
    std::uint64_t first = std::numeric_limits<std::uint64_t>::max();
    std::uint64_t last = 0;
    result.blocks.reserve(blocks);
    for (std::size_t i = 0; i < blocks; ++i) {
        const TracedBlockSlot& s = host[i];
        const int bx = static_cast<int>(i % static_cast<std::size_t>(gridW));
        const int by = static_cast<int>(i / static_cast<std::size_t>(gridW));
        if (s.written != 1 || static_cast<int>(s.blockX) != bx ||
            static_cast<int>(s.blockY) != by || s.endNs < s.startNs) {
            throw BackendError("GPU trace incomplete: block (" + std::to_string(bx) + ", " +
                               std::to_string(by) + ") did not record itself");
        }
        result.blocks.push_back({bx, by, static_cast<int>(s.sm), s.startNs, s.endNs});
        first = std::min(first, s.startNs);
        last = std::max(last, s.endNs);
    }
    result.elapsedNs = static_cast<double>(last - first);
    return result;
}

}  // namespace convis
