// Builds the backend list. CUDA backends are always listed; without CUDA they say why.
#include "backends/registry.hpp"

#include "backends/cpu_parallel.hpp"
#include "backends/cpu_sequential.hpp"
#include "backends/cuda_backends.hpp"

namespace convis {

BackendRegistry::BackendRegistry() {
    m_backends.push_back(std::make_unique<CpuSequentialBackend>());
    m_backends.push_back(std::make_unique<CpuParallelBackend>());
    for (auto& backend : makeCudaBackends()) {
        m_backends.push_back(std::move(backend));
    }
}

Backend* BackendRegistry::find(std::string_view id) const {
    for (const auto& backend : m_backends) {
        if (backend->info().id == id) {
            return backend.get();
        }
    }
    return nullptr;
}

std::vector<BackendInfo> BackendRegistry::infos() const {
    std::vector<BackendInfo> result;
    for (const auto& backend : m_backends) {
        result.push_back(backend->info());
    }
    return result;
}

}  // namespace convis
