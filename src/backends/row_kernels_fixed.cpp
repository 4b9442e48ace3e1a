// The fixed-point separable passes for each instruction set: small wrappers (struct Ops) around
// one set's 16/32-bit integer operations, and the shared loop bodies of row_fixed.inc compiled
// inside that set's target region. Every set computes the same exact integers, so they give the
// same bytes; the float finish of integer kernels is compiled with -ffp-contract=off, as the 2D
// path, to reproduce finishValue() bit for bit.
#include "backends/row_kernels_fixed.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "core/rounding.hpp"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

#define CONVIS_INLINE inline __attribute__((always_inline))

namespace convis::fixed {

namespace {

// The channel mask as one dword of bytes (0xFF where channel c is selected) and as 4 bits; a
// row's byte lane l keeps the result where channel l % 4 is selected.
std::int32_t maskDword(const std::array<bool, 4>& channels) {
    std::uint32_t bytes = 0;
    for (std::size_t c = 0; c < 4; ++c) {
        bytes |= channels[c] ? 0xFFu << (8 * c) : 0u;
    }
    return static_cast<std::int32_t>(bytes);
}
std::uint64_t maskNibble(const std::array<bool, 4>& channels) {
    std::uint64_t bits = 0;
    for (std::size_t c = 0; c < 4; ++c) {
        bits |= channels[c] ? std::uint64_t{1} << c : 0u;
    }
    return bits;
}

// The passes one value at a time, for i in from..to-1: the tails of the vector loops (and the
// whole computation on other architectures). Plain integer arithmetic, so the same results.
void verticalScalar(const std::uint8_t* const* rows, const std::int16_t* weights, int kh, int shift,
                    int from, int to, std::int16_t* out) {
    const std::int32_t half = shift > 0 ? std::int32_t{1} << (shift - 1) : 0;
    for (int i = from; i < to; ++i) {
        std::int32_t sum = half;
        for (int ky = 0; ky < kh; ++ky) {
            sum += std::int32_t{weights[ky]} * std::int32_t{rows[ky][i]};
        }
        out[i] = static_cast<std::int16_t>(sum >> shift);  // in range: FixedPointPlan proves it
    }
}

void horizontalScalar(const std::int16_t* padded, const std::int16_t* weights, int kw,
                      const FixedFinish& finish, int from, int to, const std::uint8_t* input,
                      std::uint8_t* out) {
    const RowFinish& f = finish.floatFinish;
    for (int i = from; i < to; ++i) {
        std::int32_t sum = 0;
        for (int kx = 0; kx < kw; ++kx) {
            sum += std::int32_t{weights[kx]} * std::int32_t{padded[i + 4 * kx]};
        }
        if (!f.channels[static_cast<std::size_t>(i % 4)]) {
            out[i] = input[i];
        } else if (finish.useFloat) {
            out[i] = finishValue(static_cast<float>(sum), f.divisor, f.offset, f.absolute);
        } else {
            const std::int32_t v =
                ((finish.absolute ? std::abs(sum) : sum) + finish.add) >> finish.shift;
            out[i] = static_cast<std::uint8_t>(std::clamp(v, 0, 255));
        }
    }
}

#if defined(__x86_64__) || defined(__i386__)

namespace sse2 {
struct Ops {
    using V = __m128i;
    static constexpr int kWords = 8;
    static CONVIS_INLINE V widen(const std::uint8_t* p) {
        return _mm_unpacklo_epi8(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p)),
                                 _mm_setzero_si128());
    }
    static CONVIS_INLINE V loadWords(const std::int16_t* p) {
        return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    }
    static CONVIS_INLINE void storeWords(std::int16_t* p, V v) {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(p), v);
    }
    static CONVIS_INLINE V add16(V a, V b) { return _mm_add_epi16(a, b); }
    static CONVIS_INLINE V sub16(V a, V b) { return _mm_sub_epi16(a, b); }
    static CONVIS_INLINE V unpackLo16(V a, V b) { return _mm_unpacklo_epi16(a, b); }
    static CONVIS_INLINE V unpackHi16(V a, V b) { return _mm_unpackhi_epi16(a, b); }
    static CONVIS_INLINE V dot(V acc, V pairs, V w) {
        return _mm_add_epi32(acc, _mm_madd_epi16(pairs, w));
    }
    static CONVIS_INLINE V set1(std::int32_t v) { return _mm_set1_epi32(v); }
    static CONVIS_INLINE V add32(V a, V b) { return _mm_add_epi32(a, b); }
    static CONVIS_INLINE V srai32(V v, int count) {
        return _mm_sra_epi32(v, _mm_cvtsi32_si128(count));
    }
    static CONVIS_INLINE V abs32(V v) {
        const V sign = _mm_srai_epi32(v, 31);
        return _mm_sub_epi32(_mm_xor_si128(v, sign), sign);
    }
    static CONVIS_INLINE V packs32(V lo, V hi) { return _mm_packs_epi32(lo, hi); }
    static V byteMask(const std::array<bool, 4>& channels) {
        return _mm_set1_epi32(maskDword(channels));
    }
    // 8 words -> 8 bytes with unsigned saturation, unselected channels from input.
    static CONVIS_INLINE void storeBytes(std::uint8_t* out, V words, const std::uint8_t* input,
                                         V mask, bool allChannels) {
        V bytes = _mm_packus_epi16(words, words);
        if (!allChannels) {
            const V source = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(input));
            bytes = _mm_or_si128(_mm_and_si128(mask, bytes), _mm_andnot_si128(mask, source));
        }
        _mm_storel_epi64(reinterpret_cast<__m128i*>(out), bytes);
    }
    // 2 x 8 words -> 16 bytes.
    static CONVIS_INLINE void storeBytes2(std::uint8_t* out, V words0, V words1,
                                          const std::uint8_t* input, V mask, bool allChannels) {
        V bytes = _mm_packus_epi16(words0, words1);
        if (!allChannels) {
            const V source = _mm_loadu_si128(reinterpret_cast<const __m128i*>(input));
            bytes = _mm_or_si128(_mm_and_si128(mask, bytes), _mm_andnot_si128(mask, source));
        }
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out), bytes);
    }
};
// The common helpers must come first.
// clang-format off
#include "backends/row_common.inc"
#include "backends/row_fixed.inc"
// clang-format on
}  // namespace sse2

#pragma GCC push_options
#pragma GCC target("avx2,fma")
namespace avx2 {
struct Ops {
    using V = __m256i;
    static constexpr int kWords = 16;
    static CONVIS_INLINE V widen(const std::uint8_t* p) {
        return _mm256_cvtepu8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
    }
    static CONVIS_INLINE V loadWords(const std::int16_t* p) {
        return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    }
    static CONVIS_INLINE void storeWords(std::int16_t* p, V v) {
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), v);
    }
    static CONVIS_INLINE V add16(V a, V b) { return _mm256_add_epi16(a, b); }
    static CONVIS_INLINE V sub16(V a, V b) { return _mm256_sub_epi16(a, b); }
    static CONVIS_INLINE V unpackLo16(V a, V b) { return _mm256_unpacklo_epi16(a, b); }
    static CONVIS_INLINE V unpackHi16(V a, V b) { return _mm256_unpackhi_epi16(a, b); }
    static CONVIS_INLINE V dot(V acc, V pairs, V w) {
        return _mm256_add_epi32(acc, _mm256_madd_epi16(pairs, w));
    }
    static CONVIS_INLINE V set1(std::int32_t v) { return _mm256_set1_epi32(v); }
    static CONVIS_INLINE V add32(V a, V b) { return _mm256_add_epi32(a, b); }
    static CONVIS_INLINE V srai32(V v, int count) {
        return _mm256_sra_epi32(v, _mm_cvtsi32_si128(count));
    }
    static CONVIS_INLINE V abs32(V v) { return _mm256_abs_epi32(v); }
    static CONVIS_INLINE V packs32(V lo, V hi) { return _mm256_packs_epi32(lo, hi); }
    static V byteMask(const std::array<bool, 4>& channels) {
        return _mm256_set1_epi32(maskDword(channels));
    }
    // 16 words -> 16 bytes: packuswb works per 128-bit lane, so gather the two low quadwords.
    static CONVIS_INLINE void storeBytes(std::uint8_t* out, V words, const std::uint8_t* input,
                                         V mask, bool allChannels) {
        const V packed = _mm256_permute4x64_epi64(_mm256_packus_epi16(words, words), 0x08);
        __m128i bytes = _mm256_castsi256_si128(packed);
        if (!allChannels) {
            const __m128i source = _mm_loadu_si128(reinterpret_cast<const __m128i*>(input));
            bytes = _mm_blendv_epi8(source, bytes, _mm256_castsi256_si128(mask));
        }
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out), bytes);
    }
    // 2 x 16 words -> 32 bytes: one pack, then the quadwords back in order (0, 2, 1, 3).
    static CONVIS_INLINE void storeBytes2(std::uint8_t* out, V words0, V words1,
                                          const std::uint8_t* input, V mask, bool allChannels) {
        V bytes = _mm256_permute4x64_epi64(_mm256_packus_epi16(words0, words1), 0xD8);
        if (!allChannels) {
            const V source = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(input));
            bytes = _mm256_blendv_epi8(source, bytes, mask);
        }
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), bytes);
    }
};
// clang-format off
#include "backends/row_common.inc"
#include "backends/row_fixed.inc"
// clang-format on
}  // namespace avx2
#pragma GCC pop_options

// The all-lanes masks: GCC 12's unmasked forms of some AVX-512 intrinsics read an "undefined"
// source that -Wmaybe-uninitialized flags; the zero-masking forms with every lane set are the
// same instructions.
constexpr __mmask8 kAll8 = 0xFF;
constexpr __mmask16 kAll16 = 0xFFFF;
constexpr __mmask32 kAll32 = 0xFFFFFFFF;

// AVX-512BW; DOT is the multiply-accumulate of word pairs: pmaddwd + paddd, or with VNNI
// vpdpwssd (one instruction).
#define CONVIS_AVX512_OPS(DOT)                                                                     \
    using V = __m512i;                                                                             \
    static constexpr int kWords = 32;                                                              \
    static CONVIS_INLINE V widen(const std::uint8_t* p) {                                          \
        return _mm512_cvtepu8_epi16(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)));      \
    }                                                                                              \
    static CONVIS_INLINE V loadWords(const std::int16_t* p) {                                      \
        return _mm512_loadu_si512(p);                                                              \
    }                                                                                              \
    static CONVIS_INLINE void storeWords(std::int16_t* p, V v) {                                   \
        _mm512_storeu_si512(p, v);                                                                 \
    }                                                                                              \
    static CONVIS_INLINE V add16(V a, V b) {                                                       \
        return _mm512_add_epi16(a, b);                                                             \
    }                                                                                              \
    static CONVIS_INLINE V sub16(V a, V b) {                                                       \
        return _mm512_sub_epi16(a, b);                                                             \
    }                                                                                              \
    static CONVIS_INLINE V unpackLo16(V a, V b) {                                                  \
        return _mm512_unpacklo_epi16(a, b);                                                        \
    }                                                                                              \
    static CONVIS_INLINE V unpackHi16(V a, V b) {                                                  \
        return _mm512_unpackhi_epi16(a, b);                                                        \
    }                                                                                              \
    static CONVIS_INLINE V dot(V acc, V pairs, V w) {                                              \
        return DOT;                                                                                \
    }                                                                                              \
    static CONVIS_INLINE V set1(std::int32_t v) {                                                  \
        return _mm512_set1_epi32(v);                                                               \
    }                                                                                              \
    static CONVIS_INLINE V add32(V a, V b) {                                                       \
        return _mm512_add_epi32(a, b);                                                             \
    }                                                                                              \
    static CONVIS_INLINE V srai32(V v, int count) {                                                \
        return _mm512_maskz_sra_epi32(kAll16, v, _mm_cvtsi32_si128(count));                        \
    }                                                                                              \
    static CONVIS_INLINE V abs32(V v) {                                                            \
        return _mm512_maskz_abs_epi32(kAll16, v);                                                  \
    }                                                                                              \
    static CONVIS_INLINE V packs32(V lo, V hi) {                                                   \
        return _mm512_packs_epi32(lo, hi);                                                         \
    }                                                                                              \
    static __mmask64 byteMask(const std::array<bool, 4>& channels) {                               \
        return static_cast<__mmask64>(maskNibble(channels) * 0x1111111111111111ull);               \
    }                                                                                              \
    /* 32 words -> 32 bytes in order: clamp below at 0, then unsigned saturating narrow. */        \
    static CONVIS_INLINE void storeBytes(std::uint8_t* out, V words, const std::uint8_t* input,    \
                                         __mmask64 mask, bool allChannels) {                       \
        __m256i bytes =                                                                            \
            _mm512_maskz_cvtusepi16_epi8(kAll32, _mm512_max_epi16(words, _mm512_setzero_si512())); \
        if (!allChannels) {                                                                        \
            const __m256i source = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(input));    \
            bytes = _mm256_mask_blend_epi8(static_cast<__mmask32>(mask), source, bytes);           \
        }                                                                                          \
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), bytes);                               \
    }                                                                                              \
    /* 2 x 32 words -> 64 bytes: one pack, then the quadwords back in order. */                    \
    static CONVIS_INLINE void storeBytes2(std::uint8_t* out, V words0, V words1,                   \
                                          const std::uint8_t* input, __mmask64 mask,               \
                                          bool allChannels) {                                      \
        V bytes = _mm512_maskz_permutexvar_epi64(kAll8, _mm512_setr_epi64(0, 2, 4, 6, 1, 3, 5, 7), \
                                                 _mm512_packus_epi16(words0, words1));             \
        if (!allChannels) {                                                                        \
            bytes = _mm512_mask_blend_epi8(mask, _mm512_loadu_si512(input), bytes);                \
        }                                                                                          \
        _mm512_storeu_si512(out, bytes);                                                           \
    }

#pragma GCC push_options
#pragma GCC target("avx512f,avx512bw,avx512vl")
namespace avx512 {
struct Ops {
    CONVIS_AVX512_OPS(_mm512_add_epi32(acc, _mm512_madd_epi16(pairs, w)))
};
// clang-format off
#include "backends/row_common.inc"
#include "backends/row_fixed.inc"
// clang-format on
}  // namespace avx512
#pragma GCC pop_options

#pragma GCC push_options
#pragma GCC target("avx512f,avx512bw,avx512vl,avx512vnni")
namespace avx512vnni {
struct Ops {
    CONVIS_AVX512_OPS(_mm512_dpwssd_epi32(acc, pairs, w))
};
// clang-format off
#include "backends/row_common.inc"
#include "backends/row_fixed.inc"
// clang-format on
}  // namespace avx512vnni
#pragma GCC pop_options
#undef CONVIS_AVX512_OPS

bool hasAvx512Vnni() {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512vnni");
}

#endif

}  // namespace

#if defined(__x86_64__) || defined(__i386__)
Passes sse2Passes() {
    return {sse2::fixedVertical, sse2::fixedHorizontal, "sse2"};
}
Passes avx2Passes() {
    return {avx2::fixedVertical, avx2::fixedHorizontal, "avx2"};
}
Passes avx512Passes(bool allowVnni) {
    if (allowVnni && hasAvx512Vnni()) {
        return {avx512vnni::fixedVertical, avx512vnni::fixedHorizontal, "avx512-vnni"};
    }
    return {avx512::fixedVertical, avx512::fixedHorizontal, "avx512"};
}
#else
Passes portablePasses() {
    return {[](const std::uint8_t* const* rows, const std::int16_t* weights, int kh, int, int shift,
               int n, std::int16_t* out,
               const std::uint8_t*) { verticalScalar(rows, weights, kh, shift, 0, n, out); },
            [](const std::int16_t* padded, const std::int16_t* weights, int kw, int,
               const FixedFinish& finish, int n, const std::uint8_t* input, std::uint8_t* out) {
                horizontalScalar(padded, weights, kw, finish, 0, n, input, out);
            },
            "portable"};
}
#endif

}  // namespace convis::fixed
