// The fixed-point separable passes per instruction set (row_kernels_fixed.cpp), collected into
// RowKernels by row_kernels.cpp. Internal to the backend.
#pragma once

#include "backends/row_kernels.hpp"

namespace convis::fixed {

struct Passes {
    decltype(RowKernels::fixedVertical) vertical;
    decltype(RowKernels::fixedHorizontal) horizontal;
    const char* isa;
};

#if defined(__x86_64__) || defined(__i386__)
Passes sse2Passes();
Passes avx2Passes();
// AVX-512BW; with AVX-512 VNNI (vpdpwssd) where the CPU has it and allowVnni is set (the tests
// turn it off to run the pmaddwd loops on a VNNI CPU).
Passes avx512Passes(bool allowVnni = true);
#else
Passes portablePasses();  // plain C++: the same integer arithmetic one value at a time
#endif

}  // namespace convis::fixed
