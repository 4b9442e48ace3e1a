// Instantiates the row kernels for each instruction set and picks one at run time, so that one
// binary runs on any x86-64 CPU and still uses AVX-512 where the CPU has it.
// Compiled with -ffp-contract=off (see CMakeLists.txt): the 2D kernel never fuses a multiply
// and an add. The separable passes live in row_kernels_separable.cpp.
#include "backends/row_kernels.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <utility>

#include "backends/row_kernels_fixed.hpp"
#include "backends/row_kernels_separable.hpp"
#include "backends/row_kernels_vnni.hpp"
#include "core/rounding.hpp"

namespace convis {

RowFinish::RowFinish(float divisorValue, float offsetValue, bool absoluteValue,
                     std::array<bool, 4> channelMask)
    : divisor(divisorValue), offset(offsetValue), absolute(absoluteValue), channels(channelMask) {
    int exponent = 0;
    const float mantissa = std::frexp(divisor, &exponent);
    if (divisor == 1.0f) {
        scale = Scale::None;
    } else if (std::fabs(mantissa) == 0.5f && std::isnormal(1.0f / divisor)) {
        scale = Scale::MultiplyExact;  // a power of two whose reciprocal is a normal float
        reciprocal = 1.0f / divisor;
    }
}

#define CONVIS_INLINE inline __attribute__((always_inline))

// The 2D kernel and the widening per instruction set, around the shared bodies.
#define CONVIS_ROW_KERNEL_ENTRIES(LANES)                                                          \
    void convolve2dEntry(const float* const* rows, const float* taps, int kw, int kh, int n,      \
                         const RowFinish& finish, const std::uint8_t* input, std::uint8_t* out) { \
        convolve2d<LANES>(rows, taps, kw, kh, n, finish, input, out);                             \
    }                                                                                             \
    void widenEntry(const std::uint8_t* src, int n, float* dst) {                                 \
        widen(src, n, dst);                                                                       \
    }

namespace {

#if defined(__x86_64__) || defined(__i386__)
#define CONVIS_X86 1

namespace sse2 {  // the x86-64 baseline: every such CPU runs it
// The common helpers must come first.
// clang-format off
#include "backends/row_common.inc"
#include "backends/row_2d.inc"
// clang-format on
CONVIS_ROW_KERNEL_ENTRIES(4)
}  // namespace sse2

#pragma GCC push_options
#pragma GCC target("avx2,fma")
namespace avx2 {
// The common helpers must come first.
// clang-format off
#include "backends/row_common.inc"
#include "backends/row_2d.inc"
// clang-format on
CONVIS_ROW_KERNEL_ENTRIES(8)
}  // namespace avx2
#pragma GCC pop_options

#pragma GCC push_options
#pragma GCC target("avx512f,avx512bw,avx512vl")
namespace avx512 {
// The common helpers must come first.
// clang-format off
#include "backends/row_common.inc"
#include "backends/row_2d.inc"
// clang-format on
CONVIS_ROW_KERNEL_ENTRIES(16)
}  // namespace avx512
#pragma GCC pop_options

bool hasAvx512() {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512vl");
}

bool hasAvx2() {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

RowKernels makeKernels(const char* isa, decltype(RowKernels::convolve2d) convolve,
                       decltype(RowKernels::widen) widenFn, separable::Passes passes,
                       fixed::Passes fixedPasses) {
    RowKernels k{isa, convolve, passes.rowPass, passes.columnPass, widenFn};
    k.fixedVertical = fixedPasses.vertical;
    k.fixedHorizontal = fixedPasses.horizontal;
    k.fixedIsa = fixedPasses.isa;
    return k;
}

// Built once on first use; immutable afterwards.
const RowKernels& sse2Kernels() {
    static const RowKernels k = makeKernels("sse2", sse2::convolve2dEntry, sse2::widenEntry,
                                            separable::sse2Passes(), fixed::sse2Passes());
    return k;
}
const RowKernels& avx2Kernels() {
    static const RowKernels k = makeKernels("avx2", avx2::convolve2dEntry, avx2::widenEntry,
                                            separable::avx2Passes(), fixed::avx2Passes());
    return k;
}
RowKernels makeAvx512Kernels() {
    RowKernels k = makeKernels("avx512", avx512::convolve2dEntry, avx512::widenEntry,
                               separable::avx512Passes(), fixed::avx512Passes());
    if (vnni::supported()) {
        k.buildQuads = vnni::buildQuads;
        k.convolveQuads = vnni::convolveQuads;
    }
    return k;
}
const RowKernels& avx512Kernels() {
    static const RowKernels k = makeAvx512Kernels();
    return k;
}
#else
namespace portable {  // other architectures: the same code for the compiler's default target
// The common helpers must come first.
// clang-format off
#include "backends/row_common.inc"
#include "backends/row_2d.inc"
// clang-format on
CONVIS_ROW_KERNEL_ENTRIES(4)
}  // namespace portable
const RowKernels& portableKernels() {
    static const RowKernels k = [] {
        RowKernels kernels{"portable", portable::convolve2dEntry,
                           separable::portablePasses().rowPass,
                           separable::portablePasses().columnPass, portable::widenEntry};
        kernels.fixedVertical = fixed::portablePasses().vertical;
        kernels.fixedHorizontal = fixed::portablePasses().horizontal;
        kernels.fixedIsa = fixed::portablePasses().isa;
        return kernels;
    }();
    return k;
}
#endif
}  // namespace

const RowKernels& selectRowKernels() {
#ifdef CONVIS_X86
    if (hasAvx512()) {
        return avx512Kernels();
    }
    if (hasAvx2()) {
        return avx2Kernels();
    }
    return sse2Kernels();
#else
    return portableKernels();
#endif
}

std::array<const RowKernels*, 3> supportedRowKernels() {
    std::array<const RowKernels*, 3> list{};
#ifdef CONVIS_X86
    std::size_t next = 0;
    if (hasAvx512()) {
        list[next++] = &avx512Kernels();
    }
    if (hasAvx2()) {
        list[next++] = &avx2Kernels();
    }
    list[next] = &sse2Kernels();
#else
    list[0] = &portableKernels();
#endif
    return list;
}

}  // namespace convis
