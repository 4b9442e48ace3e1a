// Badge wording shared by the CUDA build of CudaGlProducer and its stub.
#pragma once

#include <string>

#include "interop/cuda_gl_producer.hpp"

namespace convis::interop {

std::string badgeText(const InteropStatus& status, bool interopAllowed);

}  // namespace convis::interop
