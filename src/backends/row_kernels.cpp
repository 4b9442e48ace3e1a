// Instantiates the row kernels for each instruction set and picks one at run time, so that one
// binary runs on any x86-64 CPU and still uses AVX-512 where the CPU has it.
// Compiled with -ffp-contract=off (see CMakeLists.txt): no FMA contraction, ever.
#include "backends/row_kernels.hpp"

#include "backends/row_kernels_impl.hpp"

namespace convis {

namespace {

// One set of four entry points per instruction set. `flatten` inlines the templates so their
// vector code is generated for the target of the entry point.
#define CONVIS_ROW_KERNEL_SET(NAME, TARGET, LANES)                                                 \
    TARGET __attribute__((flatten)) void convolve2d##NAME(                                         \
        const float* const* rows, const float* taps, int kw, int kh, int n,                        \
        const RowFinish& finish, const std::uint8_t* input, std::uint8_t* out) {                   \
        rowimpl::convolve2d<LANES>(rows, taps, kw, kh, n, finish, input, out);                     \
    }                                                                                              \
    TARGET __attribute__((flatten)) void rowPass##NAME(const float* padded, const float* factors,  \
                                                       int kw, int n, float* out) {                \
        rowimpl::rowPass<LANES>(padded, factors, kw, n, out);                                      \
    }                                                                                              \
    TARGET __attribute__((flatten)) void columnPass##NAME(                                         \
        const float* const* rows, const float* factors, int kh, int n, const RowFinish& finish,    \
        const std::uint8_t* input, std::uint8_t* out) {                                            \
        rowimpl::columnPass<LANES>(rows, factors, kh, n, finish, input, out);                      \
    }                                                                                              \
    TARGET __attribute__((flatten)) void widen##NAME(const std::uint8_t* src, int n, float* dst) { \
        rowimpl::widen(src, n, dst);                                                               \
    }                                                                                              \
    const RowKernels k##NAME = {#NAME, convolve2d##NAME, rowPass##NAME, columnPass##NAME,          \
                                widen##NAME};

#if defined(__x86_64__) || defined(__i386__)
#define CONVIS_X86 1
CONVIS_ROW_KERNEL_SET(sse2, , 4)
CONVIS_ROW_KERNEL_SET(avx2, __attribute__((target("avx2"))), 8)
CONVIS_ROW_KERNEL_SET(avx512, __attribute__((target("avx512f,avx512bw,avx512vl"))), 16)
#else
CONVIS_ROW_KERNEL_SET(portable, , 4)
#endif

}  // namespace

const RowKernels& selectRowKernels() {
#ifdef CONVIS_X86
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512vl")) {
        return kavx512;
    }
    if (__builtin_cpu_supports("avx2")) {
        return kavx2;
    }
    return ksse2;
#else
    return kportable;
#endif
}

std::array<const RowKernels*, 3> supportedRowKernels() {
    std::array<const RowKernels*, 3> list{};
#ifdef CONVIS_X86
    __builtin_cpu_init();
    std::size_t next = 0;
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512vl")) {
        list[next++] = &kavx512;
    }
    if (__builtin_cpu_supports("avx2")) {
        list[next++] = &kavx2;
    }
    list[next] = &ksse2;
#else
    list[0] = &kportable;
#endif
    return list;
}

}  // namespace convis
