// The separable passes per instruction set (row_kernels_separable.cpp, compiled with FMA
// contraction), collected into RowKernels by row_kernels.cpp. Internal to the backend.
#pragma once

#include <cstdint>

#include "backends/row_kernels.hpp"

namespace convis::separable {

using RowPassFn = void (*)(const float*, const float*, int, int, float*);
using ColumnPassFn = void (*)(const float* const*, const float*, int, int, const RowFinish&,
                              const std::uint8_t*, std::uint8_t*);

struct Passes {
    RowPassFn rowPass;
    ColumnPassFn columnPass;
};

#if defined(__x86_64__) || defined(__i386__)
Passes sse2Passes();
Passes avx2Passes();  // AVX2 with FMA
Passes avx512Passes();
#else
Passes portablePasses();
#endif

}  // namespace convis::separable
