// Factory for the CUDA backends. Built with CUDA it returns the real ones (available or not,
// with the reason); built without, cuda_stub.cpp returns placeholders that say so.
#pragma once

#include <memory>
#include <vector>

#include "backends/backend.hpp"

namespace convis {

std::vector<std::unique_ptr<Backend>> makeCudaBackends();

}  // namespace convis
