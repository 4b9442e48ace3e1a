// The animation panel's analyses: the traced GPU launch for the measured replay, and two
// backends' outputs compared (max error, PSNR). Both run on the analysis job thread with their
// own backend objects, so they never share state with the output producer's run.
#include <memory>

#include "app/app.hpp"
#include "backends/cpu_parallel.hpp"
#include "backends/cpu_sequential.hpp"
#include "backends/cuda_backends.hpp"
#include "backends/cuda_trace.hpp"
#include "core/order_proof.hpp"

namespace convis {

void App::runGpuTrace() {
    ui::GpuTraceState& trace = m_state.gpuTrace;
    if (!trace.available) {
        post(ui::MessageLevel::Warning, "GPU trace unavailable: " + trace.reason);
        return;
    }
    if (!m_state.input || m_state.input->empty()) {
        return;
    }
    trace.running = true;
    trace.error.clear();
    auto image = m_state.input;
    const ConvRequest request = m_state.request;
    auto result = std::make_shared<std::shared_ptr<const TracedLaunch>>();
    auto error = std::make_shared<std::string>();
    m_analysis.submit(
        [image, request, result, error](JobControl&) {
            try {
                *result = std::make_shared<const TracedLaunch>(
                    runTracedConvolution(*image, request, RunOptions{}));
            } catch (const std::exception& e) {
                *error = e.what();
            }
        },
        [this, image, request, result, error]() {
            ui::GpuTraceState& state = m_state.gpuTrace;
            state.running = false;
            if (*result) {
                state.trace = *result;
                state.image = image;
                state.request = request;
                post(ui::MessageLevel::Info,
                     "GPU trace: " + std::to_string(state.trace->blocks.size()) + " blocks on " +
                         state.trace->gpu.name);
            } else {
                state.error = *error;
                post(ui::MessageLevel::Error, "GPU trace failed: " + *error);
            }
        });
}

void App::compareBackends() {
    if (!m_state.input || m_state.input->empty()) {
        return;
    }
    ui::BackendComparison& comparison = m_state.comparison;
    comparison.running = true;
    comparison.error.clear();
    auto image = m_state.input;
    const ConvRequest request = m_state.request;
    auto result = std::make_shared<ui::BackendComparison>();
    m_analysis.submit(
        [image, request, result](JobControl& control) {
            try {
                RunOptions options;
                options.cancel = &control.cancelFlag();
                Image reference;
                CpuSequentialBackend sequential;
                sequential.run(*image, request, reference, options);
                result->first = "cpu-sequential";
                Image other;
                std::unique_ptr<Backend> gpu;
                for (auto& backend : makeCudaBackends()) {
                    if (backend->info().id == "cuda-naive") {
                        gpu = std::move(backend);
                    }
                }
                if (gpu && gpu->info().available) {
                    gpu->run(*image, request, other, options);
                    result->second = "cuda-naive";
                } else {
                    CpuParallelBackend parallel;
                    parallel.run(*image, request, other, options);
                    result->second = "cpu-parallel";
                    result->note = "CUDA unavailable (" +
                                   (gpu ? gpu->info().reason : std::string("no CUDA backend")) +
                                   "): compared the two CPU paths instead";
                }
                const ImageDifference d = compareImages(reference, other, request.channels, 1);
                result->maxAbs = d.maxAbs;
                result->differingPixels = d.differingPixels;
                result->pixels = reference.pixelCount();
                result->psnr = d.psnr;
                result->valid = true;
            } catch (const std::exception& e) {
                result->error = e.what();
            }
        },
        [this, image, request, result]() {
            ui::BackendComparison& state = m_state.comparison;
            *result = ui::BackendComparison(*result);
            state = *result;
            state.running = false;
            state.image = image;
            state.request = request;
            if (!state.error.empty()) {
                post(ui::MessageLevel::Error, "comparison failed: " + state.error);
            }
        });
}

}  // namespace convis
