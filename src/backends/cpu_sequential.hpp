// The sequential CPU backend: plain nested loops, one output after another. The oracle.
#pragma once

#include "backends/backend.hpp"

namespace convis {

class CpuSequentialBackend final : public Backend {
  public:
    BackendInfo info() const override;
    RunResult run(const Image& input, const ConvRequest& request, Image& output,
                  const RunOptions& options) override;
};

}  // namespace convis
