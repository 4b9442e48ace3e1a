// The output producer for the CUDA backends: their kernels write straight into the output
// texture through CUDA-GL interop (or, where interop is unavailable, through a device -> host ->
// texture copy), on the main thread. Every other backend, and CUDA runs when CUDA cannot run
// here at all, go to the wrapped host producer unchanged.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "app/output_producer.hpp"
#include "gl/texture.hpp"
#include "interop/cuda_gl_producer.hpp"

namespace convis {

class InteropOutputProducer final : public OutputProducer {
  public:
    // `target` must outlive this producer, and the GL context must be current whenever a member
    // is called, the destructor included (it drops the texture's CUDA registration).
    InteropOutputProducer(std::unique_ptr<OutputProducer> host, gl::Texture& target);
    ~InteropOutputProducer() override;

    void start(const ProduceRequest& request) override;
    void cancel() override;
    bool busy() const override;
    double progress() const override;
    std::vector<ProduceOutcome> collect() override;
    ProducerStatus status() const override;

  private:
    // Runs one request through the CUDA producer; false when it must go to the host producer.
    bool runOnGpu(const ProduceRequest& request, SurfaceKernel kernel);
    void delegate(const ProduceRequest& request);

    std::unique_ptr<OutputProducer> m_host;
    gl::Texture& m_target;
    CudaGlProducer m_cuda;
    std::shared_ptr<const Image> m_uploaded;    // the input the device holds now
    std::vector<ProduceOutcome> m_finished;     // this producer's outcomes since the last collect
    std::shared_ptr<const Image> m_lastOutput;  // host copy of the newest GPU result
    // What m_lastOutput was computed from: a run with the same input, request and kernel writes
    // the same pixels, so it reuses the copy instead of downloading it again (every-frame runs
    // then time only map, kernel and unmap: the display path).
    std::shared_ptr<const Image> m_copyInput;
    ConvRequest m_copyRequest;
    int m_copyKernel = -1;
    std::uint64_t m_lastGeneration = 0;
    bool m_hostPending = false;  // the host producer may upload into the texture
    bool m_lastWasCuda = false;  // the newest request named a CUDA backend (badge: ours)
};

}  // namespace convis
