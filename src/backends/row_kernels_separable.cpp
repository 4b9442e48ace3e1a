// The separable row and column passes for each instruction set. Compiled with
// -ffp-contract=fast (see CMakeLists.txt) so that w * pair + acc becomes one fused multiply-add
// where the target has FMA; see row_separable.inc for why that keeps the documented numerics.
#include "backends/row_kernels_separable.hpp"

#include <cstdint>
#include <cstring>
#include <utility>

#include "core/rounding.hpp"

#define CONVIS_INLINE inline __attribute__((always_inline))

namespace convis::separable {

namespace {

#define CONVIS_SEPARABLE_ENTRIES(LANES)                                                           \
    void rowPassEntry(const float* padded, const float* factors, int kw, int n, float* out) {     \
        rowPass<LANES>(padded, factors, kw, n, out);                                              \
    }                                                                                             \
    void columnPassEntry(const float* const* rows, const float* factors, int kh, int n,           \
                         const RowFinish& finish, const std::uint8_t* input, std::uint8_t* out) { \
        columnPass<LANES>(rows, factors, kh, n, finish, input, out);                              \
    }

#if defined(__x86_64__) || defined(__i386__)
namespace sse2 {
// The common helpers must come first.
// clang-format off
#include "backends/row_common.inc"
#include "backends/row_separable.inc"
// clang-format on
CONVIS_SEPARABLE_ENTRIES(4)
}  // namespace sse2

#pragma GCC push_options
#pragma GCC target("avx2,fma")
namespace avx2 {
// The common helpers must come first.
// clang-format off
#include "backends/row_common.inc"
#include "backends/row_separable.inc"
// clang-format on
CONVIS_SEPARABLE_ENTRIES(8)
}  // namespace avx2
#pragma GCC pop_options

#pragma GCC push_options
#pragma GCC target("avx512f,avx512bw,avx512vl")
namespace avx512 {
// The common helpers must come first.
// clang-format off
#include "backends/row_common.inc"
#include "backends/row_separable.inc"
// clang-format on
CONVIS_SEPARABLE_ENTRIES(16)
}  // namespace avx512
#pragma GCC pop_options
#else
namespace portable {
// The common helpers must come first.
// clang-format off
#include "backends/row_common.inc"
#include "backends/row_separable.inc"
// clang-format on
CONVIS_SEPARABLE_ENTRIES(4)
}  // namespace portable
#endif

}  // namespace

#if defined(__x86_64__) || defined(__i386__)
Passes sse2Passes() {
    return {sse2::rowPassEntry, sse2::columnPassEntry};
}
Passes avx2Passes() {
    return {avx2::rowPassEntry, avx2::columnPassEntry};
}
Passes avx512Passes() {
    return {avx512::rowPassEntry, avx512::columnPassEntry};
}
#else
Passes portablePasses() {
    return {portable::rowPassEntry, portable::columnPassEntry};
}
#endif

}  // namespace convis::separable
