// The host output producer.
#include "app/output_producer.hpp"

#include <exception>
#include <utility>

#include "app/interop_output_producer.hpp"
#include "app/jobs.hpp"
#include "backends/registry.hpp"
#include "core/error.hpp"

namespace convis {

HostOutputProducer::HostOutputProducer(const BackendRegistry& registry, JobRunner& jobs,
                                       gl::Texture& target)
    : m_registry(registry), m_jobs(jobs), m_target(target) {}

void HostOutputProducer::start(const ProduceRequest& request) {
    Backend* backend = m_registry.find(request.backendId);
    auto outcome = std::make_shared<ProduceOutcome>();
    outcome->generation = request.generation;
    outcome->backendId = request.backendId;
    if (backend == nullptr || !request.input) {
        outcome->error =
            backend == nullptr ? "no backend called '" + request.backendId + "'" : "no input image";
        m_finished.push_back(*outcome);
        return;
    }
    outcome->backendLabel = backend->info().label;
    // The job owns copies of everything it reads: the UI may change the request meanwhile.
    m_jobs.submit(
        [backend, request, outcome](JobControl& control) {
            auto output = std::make_shared<Image>();
            RunOptions options;
            options.threads = request.threads;
            options.cancel = &control.cancelFlag();
            options.progress = [&control](double fraction) { control.setProgress(fraction); };
            try {
                outcome->timing = backend->run(*request.input, request.request, *output, options);
                outcome->output = std::move(output);
                outcome->status = ProduceOutcome::Status::Done;
            } catch (const Cancelled&) {
                outcome->status = ProduceOutcome::Status::Cancelled;
            } catch (const std::exception& e) {
                outcome->status = ProduceOutcome::Status::Failed;
                outcome->error = e.what();
            }
        },
        [this, outcome] { m_finished.push_back(std::move(*outcome)); });
}

void HostOutputProducer::cancel() {
    m_jobs.cancel();
}

bool HostOutputProducer::busy() const {
    return m_jobs.busy();
}

double HostOutputProducer::progress() const {
    return m_jobs.progress();
}

std::vector<ProduceOutcome> HostOutputProducer::collect() {
    m_jobs.poll();
    std::vector<ProduceOutcome> finished = std::exchange(m_finished, {});
    // Only the newest successful result needs uploading; older ones are superseded anyway.
    for (auto it = finished.rbegin(); it != finished.rend(); ++it) {
        if (it->status == ProduceOutcome::Status::Done && it->output) {
            m_target.upload(*it->output, gl::Filter::Linear);
            break;
        }
    }
    return finished;
}

ProducerStatus HostOutputProducer::status() const {
    return ProducerStatus{false, "host upload"};
}

std::unique_ptr<OutputProducer> makeOutputProducer(const BackendRegistry& registry, JobRunner& jobs,
                                                   gl::Texture& target) {
    // The CUDA backends write the texture directly (interop, else a device copy); the host
    // producer serves every other backend.
    return std::make_unique<InteropOutputProducer>(
        std::make_unique<HostOutputProducer>(registry, jobs, target), target);
}

}  // namespace convis
