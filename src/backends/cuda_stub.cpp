// Compiled when convis is built without CUDA: the CUDA backends are listed, greyed out, with
// the reason, so no caller needs an #ifdef.
#include "backends/cuda_backends.hpp"
#include "core/error.hpp"

namespace convis {

namespace {

class UnavailableCudaBackend final : public Backend {
  public:
    explicit UnavailableCudaBackend(BackendInfo info) : m_info(std::move(info)) {}
    BackendInfo info() const override { return m_info; }
    RunResult run(const Image&, const ConvRequest&, Image&, const RunOptions&) override {
        throw BackendError(m_info.id + " is unavailable: " + m_info.reason);
    }

  private:
    BackendInfo m_info;
};

}  // namespace

std::vector<std::unique_ptr<Backend>> makeCudaBackends() {
    std::vector<std::unique_ptr<Backend>> list;
    for (const char* id : {"cuda-naive", "cuda-tiled", "cuda-fast"}) {
        list.push_back(std::make_unique<UnavailableCudaBackend>(
            BackendInfo{id, id, "CUDA kernel", BackendKind::Cuda, false, "built without CUDA"}));
    }
    return list;
}

}  // namespace convis
