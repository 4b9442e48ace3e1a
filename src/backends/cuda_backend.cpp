// The CUDA host path: request -> launch plan, staging, timed upload / kernel / download, and the
// kernel-only timing loop for benchmarks.
#include "backends/cuda_backend.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>

#include "backends/cuda_backends.hpp"
#include "core/error.hpp"

namespace convis {

namespace {

// Kernel-only timing rotates input buffers until they add up to this much, four times the 50 MB
// L2 of the largest current GPUs, so every launch reads its input from device memory.
constexpr std::size_t kRotationBytes = 256ull * 1024 * 1024;
constexpr std::size_t kMaxRotationBuffers = 64;

}  // namespace

CudaBackend::CudaBackend(CudaVariant variant, std::shared_ptr<CudaDeviceState> state)
    : m_variant(variant), m_state(std::move(state)) {}

BackendInfo CudaBackend::info() const {
    BackendInfo info;
    info.kind = BackendKind::Cuda;
    info.available = m_state->available();
    info.reason = info.available ? "" : m_state->reason();
    switch (m_variant) {
        case CudaVariant::Naive:
            info.id = "cuda-naive";
            info.label = "CUDA naive";
            info.description =
                "One GPU thread per output pixel; every tap reads its weight and pixel from "
                "global memory.";
            break;
        case CudaVariant::Tiled:
            info.id = "cuda-tiled";
            info.label = "CUDA tiled";
            info.description =
                "Each block stages its tile plus halo in shared memory once; taps in constant "
                "memory.";
            break;
        case CudaVariant::Fast:
            info.id = "cuda-fast";
            info.label = "CUDA fast";
            info.description =
                "Float tile in shared memory, 8 outputs per thread, 16-byte loads and stores; "
                "rank-1 kernels in one fused row+column kernel. Uses its own tuned block shape.";
            break;
    }
    return info;
}

void CudaBackend::ensureUsable() const {
    if (!m_state->available()) {
        throw BackendError(info().id + " is unavailable: " + m_state->reason());
    }
}

cudaStream_t CudaBackend::stream() {
    if (!m_stream) {
        m_stream.emplace();
    }
    return m_stream->get();
}

template <class Body>
auto CudaBackend::guarded(Body&& body) -> decltype(body()) {
    try {
        return body();
    } catch (const CudaError& e) {
        if (e.sticky()) {
            m_state->markBroken(e.what());
        }
        throw;
    }
}

void launchCudaPlan(CudaVariant variant, const CudaLaunchPlan& plan, const DeviceImage& in,
                    const DeviceImage& out, const float* d_taps, cudaStream_t s) {
    ConvParams params = plan.params;
    params.inPitch = in.pitch();
    params.outPitch = out.pitch();
    switch (variant) {
        case CudaVariant::Naive:
            CONVIS_CUDA_CHECK(launchNaiveConv(params, d_taps, in.data(), out.data(),
                                              plan.blockWidth, plan.blockHeight, s));
            break;
        case CudaVariant::Tiled:
            CONVIS_CUDA_CHECK(launchTiledConv(params, *plan.table, in.data(), out.data(),
                                              plan.blockWidth, plan.blockHeight, s));
            break;
        case CudaVariant::Fast:
            if (plan.separable && plan.separableOnTensorCores) {
                CONVIS_CUDA_CHECK(launchTensorSeparableConv(
                    params, *plan.separable, plan.separableStripRows, in.data(), out.data(), s));
            } else if (plan.separable) {
                CONVIS_CUDA_CHECK(launchFastSeparableConv(
                    params, *plan.separable, plan.separableStripRows, in.data(), out.data(), s));
            } else if (plan.lanes && plan.laneStreamRows > 0) {
                CONVIS_CUDA_CHECK(launchLanesStreamConv(params, *plan.lanes, plan.laneStreamRows,
                                                        in.data(), out.data(), s));
            } else if (plan.lanes) {
                CONVIS_CUDA_CHECK(launchLanesConv(params, *plan.lanes, in.data(), out.data(), s));
            } else {
                CONVIS_CUDA_CHECK(launchFastConv(params, *plan.table, in.data(), out.data(), s));
            }
            break;
    }
}

RunResult CudaBackend::run(const Image& input, const ConvRequest& request, Image& output,
                           const RunOptions& options) {
    ensureUsable();
    const CudaLaunchPlan launchPlan = makeCudaLaunchPlan(m_variant, input, request, options);
    if (options.cancel != nullptr && options.cancel->load(std::memory_order_relaxed)) {
        throw Cancelled();
    }
    if (output.width() != input.width() || output.height() != input.height()) {
        output = Image(input.width(), input.height());
    }
    if (input.empty()) {
        return {};
    }
    return guarded([&]() {
        const auto start = std::chrono::steady_clock::now();
        const cudaStream_t s = stream();
        const int w = input.width();
        const int h = input.height();
        const std::size_t rowBytes = input.rowBytes();
        if (!m_in.matches(w, h)) {
            m_in = DeviceImage();  // free first: two 8K images need not coexist twice
            m_in = DeviceImage(w, h);
            m_out = DeviceImage();
            m_out = DeviceImage(w, h);
        }
        if (m_taps.size() < launchPlan.taps.size()) {
            m_taps = DeviceArray<float>(static_cast<std::size_t>(kMaxTaps));
        }
        const std::uint8_t* source = input.data();
        std::uint8_t* destination = output.data();
        if (options.pinnedStaging) {
            if (m_stagingIn.size() < input.byteCount()) {
                m_stagingIn = PinnedBuffer();
                m_stagingIn = PinnedBuffer(input.byteCount());
                m_stagingOut = PinnedBuffer();
                m_stagingOut = PinnedBuffer(input.byteCount());
            }
            std::memcpy(m_stagingIn.data(), input.data(), input.byteCount());
            source = m_stagingIn.data();
            destination = m_stagingOut.data();
        }
        const GpuTimer upload;
        const GpuTimer kernel;
        const GpuTimer download;
        upload.start(s);
        CONVIS_CUDA_CHECK(cudaMemcpyAsync(m_taps.data(), launchPlan.taps.data(),
                                          launchPlan.taps.size() * sizeof(float),
                                          cudaMemcpyHostToDevice, s));
        CONVIS_CUDA_CHECK(cudaMemcpy2DAsync(m_in.data(), m_in.pitch(), source, rowBytes, rowBytes,
                                            static_cast<std::size_t>(h), cudaMemcpyHostToDevice,
                                            s));
        upload.stop(s);
        kernel.start(s);
        launchCudaPlan(m_variant, launchPlan, m_in, m_out, m_taps.data(), s);
        kernel.stop(s);
        download.start(s);
        CONVIS_CUDA_CHECK(cudaMemcpy2DAsync(destination, rowBytes, m_out.data(), m_out.pitch(),
                                            rowBytes, static_cast<std::size_t>(h),
                                            cudaMemcpyDeviceToHost, s));
        download.stop(s);
        CONVIS_CUDA_CHECK(cudaStreamSynchronize(s));
        if (options.pinnedStaging) {
            std::memcpy(output.data(), m_stagingOut.data(), output.byteCount());
        }
        RunResult result;
        result.stages = {{"upload", upload.milliseconds()},
                         {"kernel", kernel.milliseconds()},
                         {"download", download.milliseconds()}};
        result.totalMilliseconds =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count();
        if (options.progress) {
            options.progress(1.0);
        }
        return result;
    });
}

std::vector<double> CudaBackend::timeKernelOnly(const Image& input, const ConvRequest& request,
                                                const RunOptions& options, int warmup,
                                                int samples) {
    ensureUsable();
    const CudaLaunchPlan launchPlan = makeCudaLaunchPlan(m_variant, input, request, options);
    if (input.empty() || samples <= 0) {
        return {};
    }
    return guarded([&]() {
        const cudaStream_t s = stream();
        const int w = input.width();
        const int h = input.height();
        const std::size_t rowBytes = input.rowBytes();
        // Free the run() buffers: the rotation set below is what must fit now.
        m_in = DeviceImage();
        m_out = DeviceImage();
        DeviceImage first(w, h);
        const std::size_t imageBytes = first.pitch() * static_cast<std::size_t>(h);
        const std::size_t count = std::clamp<std::size_t>(
            (kRotationBytes + imageBytes - 1) / imageBytes, 2, kMaxRotationBuffers);
        std::vector<DeviceImage> inputs;
        inputs.push_back(std::move(first));
        CONVIS_CUDA_CHECK(cudaMemcpy2DAsync(inputs[0].data(), inputs[0].pitch(), input.data(),
                                            rowBytes, rowBytes, static_cast<std::size_t>(h),
                                            cudaMemcpyHostToDevice, s));
        for (std::size_t i = 1; i < count; ++i) {
            inputs.emplace_back(w, h);
            CONVIS_CUDA_CHECK(cudaMemcpyAsync(inputs[i].data(), inputs[0].data(), imageBytes,
                                              cudaMemcpyDeviceToDevice, s));
        }
        DeviceImage out(w, h);
        DeviceArray<float> taps(launchPlan.taps.size());
        CONVIS_CUDA_CHECK(cudaMemcpyAsync(taps.data(), launchPlan.taps.data(),
                                          launchPlan.taps.size() * sizeof(float),
                                          cudaMemcpyHostToDevice, s));
        std::size_t next = 0;
        for (int i = 0; i < warmup; ++i) {
            launchCudaPlan(m_variant, launchPlan, inputs[next++ % count], out, taps.data(), s);
        }
        // One event between consecutive launches: sample i is the time from event i to i + 1.
        std::vector<CudaEvent> events(static_cast<std::size_t>(samples) + 1);
        events[0].record(s);
        for (std::size_t i = 0; i < static_cast<std::size_t>(samples); ++i) {
            launchCudaPlan(m_variant, launchPlan, inputs[next++ % count], out, taps.data(), s);
            events[i + 1].record(s);
        }
        CONVIS_CUDA_CHECK(cudaStreamSynchronize(s));
        std::vector<double> result;
        for (std::size_t i = 0; i < static_cast<std::size_t>(samples); ++i) {
            result.push_back(elapsedMilliseconds(events[i], events[i + 1]));
        }
        return result;
    });
}

std::vector<std::unique_ptr<Backend>> makeCudaBackends() {
    auto state = std::make_shared<CudaDeviceState>(probeCudaDevice());
    std::vector<std::unique_ptr<Backend>> list;
    for (CudaVariant variant : {CudaVariant::Naive, CudaVariant::Tiled, CudaVariant::Fast}) {
        list.push_back(std::make_unique<CudaBackend>(variant, state));
    }
    return list;
}

}  // namespace convis
