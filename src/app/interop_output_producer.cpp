// The interop output producer: CUDA backends write the output texture directly.
#include "app/interop_output_producer.hpp"

#include <algorithm>
#include <exception>
#include <optional>
#include <string_view>
#include <utility>

namespace convis {

namespace {

std::optional<SurfaceKernel> surfaceKernelFor(std::string_view backendId) {
    for (SurfaceKernel kernel : {SurfaceKernel::Naive, SurfaceKernel::Tiled, SurfaceKernel::Fast}) {
        if (backendId == surfaceKernelId(kernel)) {
            return kernel;
        }
    }
    return std::nullopt;
}

std::string labelFor(SurfaceKernel kernel, bool viaInterop) {
    std::string label = kernel == SurfaceKernel::Naive   ? "CUDA naive"
                        : kernel == SurfaceKernel::Tiled ? "CUDA tiled"
                                                         : "CUDA fast";
    return label + (viaInterop ? " (interop)" : " (device->host->texture)");
}

}  // namespace

InteropOutputProducer::InteropOutputProducer(std::unique_ptr<OutputProducer> host,
                                             gl::Texture& target)
    : m_host(std::move(host)), m_target(target) {}

InteropOutputProducer::~InteropOutputProducer() {
    m_cuda.releaseTexture();
}

void InteropOutputProducer::start(const ProduceRequest& request) {
    const std::optional<SurfaceKernel> kernel = surfaceKernelFor(request.backendId);
    m_lastWasCuda = kernel.has_value();
    bool done = false;
    if (kernel && request.input) {
        try {
            done = runOnGpu(request, *kernel);
        } catch (const std::exception&) {
            done = false;  // out of host memory for the copy: the host producer reports it
        }
    }
    if (!done) {
        delegate(request);
    }
}

void InteropOutputProducer::delegate(const ProduceRequest& request) {
    m_hostPending = true;
    m_host->start(request);
}

bool InteropOutputProducer::runOnGpu(const ProduceRequest& request, SurfaceKernel kernel) {
    if (!m_cuda.probe().cudaAvailable) {
        return false;  // the host producer runs the CUDA backend, which reports why it cannot
    }
    // A host run still in flight would upload an older result over this one.
    m_host->cancel();
    const Image& input = *request.input;
    if (m_uploaded != request.input) {
        std::string error;
        if (!m_cuda.setInput(input, &error)) {
            m_uploaded.reset();
            return false;
        }
        m_uploaded = request.input;
    }
    if (m_target.width() != input.width() || m_target.height() != input.height()) {
        m_cuda.releaseTexture();  // the storage is respecified next
        m_target.allocate(input.width(), input.height());
    }
    const bool copyCurrent = m_lastOutput && m_copyInput == request.input &&
                             m_copyRequest == request.request &&
                             m_copyKernel == static_cast<int>(kernel);
    auto output = copyCurrent ? std::shared_ptr<Image>() : std::make_shared<Image>();
    ProduceOptions options;
    options.kernel = kernel;
    options.hostCopy = output.get();  // null: the last copy holds these pixels already
    const ProduceResult result = m_cuda.produce(
        {m_target.id(), m_target.width(), m_target.height()}, request.request, options);
    if (!result.ok && !m_cuda.status().cudaAvailable) {
        return false;  // CUDA just failed for good: the host path says what happens next
    }
    ProduceOutcome outcome;
    outcome.generation = request.generation;
    outcome.backendId = request.backendId;
    outcome.backendLabel = labelFor(kernel, result.viaInterop);
    if (result.ok) {
        outcome.status = ProduceOutcome::Status::Done;
        if (output) {
            m_lastOutput = std::move(output);
            m_copyInput = request.input;
            m_copyRequest = request.request;
            m_copyKernel = static_cast<int>(kernel);
        }
        outcome.output = m_lastOutput;
        outcome.timing = result.timing;
        m_lastGeneration = request.generation;
    } else {
        m_lastOutput.reset();  // a failed run may have left the texture half written
        m_copyKernel = -1;
        outcome.status = ProduceOutcome::Status::Failed;
        outcome.error = result.error;
    }
    m_finished.push_back(std::move(outcome));
    return true;
}

void InteropOutputProducer::cancel() {
    m_host->cancel();
}

bool InteropOutputProducer::busy() const {
    return m_host->busy();
}

double InteropOutputProducer::progress() const {
    return m_host->progress();
}

std::vector<ProduceOutcome> InteropOutputProducer::collect() {
    if (m_hostPending) {
        // The host producer may respecify the texture: a registration must not survive that.
        m_cuda.releaseTexture();
    }
    std::vector<ProduceOutcome> outcomes = m_host->collect();
    const bool hostUploaded =
        std::any_of(outcomes.begin(), outcomes.end(), [](const ProduceOutcome& o) {
            return o.status == ProduceOutcome::Status::Done && o.output;
        });
    if (!m_host->busy()) {
        m_hostPending = false;
    }
    for (ProduceOutcome& outcome : m_finished) {
        outcomes.push_back(std::move(outcome));
    }
    m_finished.clear();
    // Oldest first, so the app ends on the newest result; and the texture must show that one.
    std::stable_sort(outcomes.begin(), outcomes.end(),
                     [](const ProduceOutcome& a, const ProduceOutcome& b) {
                         return a.generation < b.generation;
                     });
    const auto newestDone = std::find_if(outcomes.rbegin(), outcomes.rend(), [](const auto& o) {
        return o.status == ProduceOutcome::Status::Done;
    });
    if (hostUploaded && newestDone != outcomes.rend() && m_lastOutput &&
        newestDone->generation == m_lastGeneration && newestDone->output == m_lastOutput) {
        m_target.upload(*m_lastOutput);
    }
    return outcomes;
}

ProducerStatus InteropOutputProducer::status() const {
    if (!m_lastWasCuda) {
        return m_host->status();
    }
    const InteropStatus& status = m_cuda.status();
    return ProducerStatus{status.cudaAvailable && status.interopAvailable, m_cuda.badge()};
}

}  // namespace convis
