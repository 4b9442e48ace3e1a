// The seam between "compute the output" and "show it": the app asks an output producer to fill
// the GL output texture. The host producer runs the selected backend on the job thread and
// uploads the image; an interop producer (CUDA writing straight into the texture) plugs in here
// and reports whether interop is on, or why it fell back, for the on-screen badge.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "backends/backend.hpp"
#include "core/conv_request.hpp"
#include "core/image.hpp"
#include "gl/texture.hpp"

namespace convis {

struct ProduceRequest {
    std::shared_ptr<const Image> input;
    ConvRequest request;
    std::string backendId;
    std::uint64_t generation = 0;  // increases with every request; stale results are dropped
    int threads = 0;               // cpu-parallel's thread count, 0 = one per hardware thread
};

struct ProduceOutcome {
    enum class Status { Done, Cancelled, Failed };
    Status status = Status::Failed;
    std::uint64_t generation = 0;
    std::string backendId;
    // The output in host memory (for the pixel read-out and Ctrl+S). An interop producer that
    // keeps the result on the GPU still provides it, downloaded lazily or alongside.
    std::shared_ptr<const Image> output;
    RunResult timing;
    std::string backendLabel;
    std::string error;  // one line, when Failed
};

struct ProducerStatus {
    bool interop = false;
    std::string text;  // "host upload", "interop on", "interop off: <reason>"
};

// Every member is called on the main thread with the window's GL context current, between
// frames, so an interop producer may map, launch and unmap right inside start() or collect()
// (and release its CUDA registration before the texture is reallocated for a new size).
class OutputProducer {
  public:
    OutputProducer() = default;
    virtual ~OutputProducer() = default;
    OutputProducer(const OutputProducer&) = delete;
    OutputProducer& operator=(const OutputProducer&) = delete;

    // Starts computing; a newer start supersedes an older one still running.
    virtual void start(const ProduceRequest& request) = 0;
    virtual void cancel() = 0;
    virtual bool busy() const = 0;
    virtual double progress() const = 0;
    // Main thread, between frames: finished runs, oldest first. For Done outcomes the output
    // texture already holds the result when this returns.
    virtual std::vector<ProduceOutcome> collect() = 0;
    virtual ProducerStatus status() const = 0;
};

class BackendRegistry;
class JobRunner;

// Runs a registry backend on the job thread, then uploads the image into `target`.
class HostOutputProducer final : public OutputProducer {
  public:
    HostOutputProducer(const BackendRegistry& registry, JobRunner& jobs, gl::Texture& target);

    void start(const ProduceRequest& request) override;
    void cancel() override;
    bool busy() const override;
    double progress() const override;
    std::vector<ProduceOutcome> collect() override;
    ProducerStatus status() const override;

  private:
    const BackendRegistry& m_registry;
    JobRunner& m_jobs;
    gl::Texture& m_target;
    std::vector<ProduceOutcome> m_finished;  // filled by done callbacks on the main thread
};

// The producer the app uses: the interop producer for the CUDA backends, with the host
// producer for every other backend and as its fallback.
std::unique_ptr<OutputProducer> makeOutputProducer(const BackendRegistry& registry, JobRunner& jobs,
                                                   gl::Texture& target);

}  // namespace convis
