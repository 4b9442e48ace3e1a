// CudaGlProducer when convis is built without CUDA: it says so and never produces, so the app
// shows the reason and uses a CPU backend without any #ifdef.
#include "interop/cuda_gl_producer.hpp"
#include "interop/producer_text.hpp"

namespace convis {

struct CudaGlProducer::Impl {
    InteropStatus status;
    bool interopAllowed = true;
};

CudaGlProducer::CudaGlProducer() : m_impl(std::make_unique<Impl>()) {}
CudaGlProducer::~CudaGlProducer() = default;

const InteropStatus& CudaGlProducer::probe() {
    m_impl->status.probed = true;
    m_impl->status.reason = "built without CUDA";
    return m_impl->status;
}

const InteropStatus& CudaGlProducer::status() const {
    return m_impl->status;
}

std::string CudaGlProducer::badge() const {
    return interop::badgeText(m_impl->status, m_impl->interopAllowed);
}

void CudaGlProducer::setInteropAllowed(bool allowed) {
    m_impl->interopAllowed = allowed;
}

bool CudaGlProducer::setInput(const Image& /*input*/, std::string* error) {
    if (error != nullptr) {
        *error = "built without CUDA";
    }
    return false;
}

bool CudaGlProducer::hasInput() const {
    return false;
}

ProduceResult CudaGlProducer::produce(const TextureTarget& /*target*/,
                                      const ConvRequest& /*request*/,
                                      const ProduceOptions& /*options*/) noexcept {
    ProduceResult result;
    result.error = "built without CUDA";
    return result;
}

void CudaGlProducer::releaseTexture() noexcept {}

}  // namespace convis
