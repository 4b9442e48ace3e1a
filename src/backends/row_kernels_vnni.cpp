// The integer 2D kernel for AVX-512 VNNI: vpdpbusd multiplies four unsigned input bytes by four
// signed 8-bit weights and adds the four products to a 32-bit lane, so one instruction applies
// four taps to sixteen channel values. Used only for integer kernels whose sums are exact (see
// CpuParallelBackend), where any summation order gives the reference's result.
#include "backends/row_kernels_vnni.hpp"

#if defined(__x86_64__)

#include <immintrin.h>

#include <cstring>
#include <utility>

#include "core/rounding.hpp"

#define CONVIS_INLINE inline __attribute__((always_inline))

namespace convis::vnni {

bool supported() {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vnni");
}

#pragma GCC push_options
#pragma GCC target("avx512f,avx512bw,avx512vl,avx512vnni")

namespace {
// The common helpers must come first.
// clang-format off
#include "backends/row_common.inc"
// clang-format on

// The integer sums as floats: exact, since |sum| < 2^24 on this path.
CONVIS_INLINE Lanes<16>::F toFloat(__m512i v) {
    Lanes<16>::I ints;
    std::memcpy(&ints, &v, sizeof ints);
    return __builtin_convertvector(ints, Lanes<16>::F);
}

// One 32-bit lane of the scalar tail: the dot products of its quads with the weights.
std::int32_t quadSum(const std::int32_t* const* quadRows, const std::int32_t* weights, int groups,
                     int kh, int i) {
    std::int32_t sum = 0;
    for (int ky = 0; ky < kh; ++ky) {
        for (int g = 0; g < groups; ++g) {
            std::int32_t quad = quadRows[ky][i + 16 * g];
            std::int32_t w = weights[ky * groups + g];
            for (int b = 0; b < 4; ++b) {
                sum += static_cast<std::int32_t>(static_cast<std::uint8_t>(quad >> (8 * b))) *
                       static_cast<std::int32_t>(static_cast<std::int8_t>(w >> (8 * b)));
            }
        }
    }
    return sum;
}
}  // namespace

void buildQuads(const std::uint8_t* padded, int count, std::int32_t* quads) {
    // Pixels x..x+3 as 16 bytes, transposed so that dword c holds channel c of all four.
    const __m128i transpose = _mm_setr_epi8(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);
    for (int x = 0; x < count; ++x) {
        const __m128i pixels = _mm_loadu_si128(reinterpret_cast<const __m128i*>(padded + 4 * x));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(quads + 4 * x),
                         _mm_shuffle_epi8(pixels, transpose));
    }
}

void convolveQuads(const std::int32_t* const* quadRows, const std::int32_t* weights, int groups,
                   int kh, int n, const RowFinish& finish, const std::uint8_t* input,
                   std::uint8_t* out) {
    constexpr int kLanes = 16;
    constexpr int kVectors = 8;  // independent accumulators per strip
    using F = Lanes<kLanes>::F;
    const auto mask = channelMask<kLanes>(finish);
    int i = 0;
    for (; i + kVectors * kLanes <= n; i += kVectors * kLanes) {
        __m512i acc[kVectors];
#pragma GCC unroll 8
        for (int s = 0; s < kVectors; ++s) {
            acc[s] = _mm512_setzero_si512();
        }
        for (int ky = 0; ky < kh; ++ky) {
            const std::int32_t* row = quadRows[ky] + i;
            for (int g = 0; g < groups; ++g) {
                const __m512i w = _mm512_set1_epi32(weights[ky * groups + g]);
                const std::int32_t* p = row + 16 * g;
#pragma GCC unroll 8
                for (int s = 0; s < kVectors; ++s) {
                    acc[s] = _mm512_dpbusd_epi32(acc[s], _mm512_loadu_si512(p + s * kLanes), w);
                }
            }
        }
#pragma GCC unroll 8
        for (int s = 0; s < kVectors; ++s) {
            const F sum = toFloat(acc[s]);
            finishStore<kLanes>(sum, finish, mask, input + i + s * kLanes, out + i + s * kLanes);
        }
    }
    for (; i + kLanes <= n; i += kLanes) {
        __m512i acc = _mm512_setzero_si512();
        for (int ky = 0; ky < kh; ++ky) {
            for (int g = 0; g < groups; ++g) {
                acc = _mm512_dpbusd_epi32(acc, _mm512_loadu_si512(quadRows[ky] + i + 16 * g),
                                          _mm512_set1_epi32(weights[ky * groups + g]));
            }
        }
        const F sum = toFloat(acc);
        finishStore<kLanes>(sum, finish, mask, input + i, out + i);
    }
    for (; i < n; ++i) {
        const auto sum = static_cast<float>(quadSum(quadRows, weights, groups, kh, i));
        out[i] = finishScalar(sum, finish, input[i], i);
    }
}

#pragma GCC pop_options

}  // namespace convis::vnni

#endif
