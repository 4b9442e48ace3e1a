// The row kernels written once with GCC/Clang vector extensions, for L float lanes; each
// instruction set instantiates them inside a function compiled for that set (row_kernels.cpp).
// Include only from row_kernels.cpp: it must be compiled with -ffp-contract=off so that a
// multiply followed by an add is never fused, which keeps the 2D path bit-identical to the
// sequential reference.
#pragma once

#include <cstdint>
#include <cstring>

#include "backends/row_kernels.hpp"
#include "core/rounding.hpp"

#define CONVIS_INLINE inline __attribute__((always_inline))

namespace convis::rowimpl {

template <int L>
struct Lanes {
    typedef float F __attribute__((vector_size(4 * L)));
    typedef std::int32_t I __attribute__((vector_size(4 * L)));
    typedef std::uint8_t B __attribute__((vector_size(L)));
};

// Accumulators per strip: enough independent add chains to hide the adder latency.
inline constexpr int kStrip = 4;

template <int L>
CONVIS_INLINE typename Lanes<L>::F load(const float* p) {
    typename Lanes<L>::F v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

// The lane mask for the channel selection: 0xFF where lane l % 4 is filtered.
template <int L>
CONVIS_INLINE typename Lanes<L>::B channelMask(const RowFinish& finish) {
    typename Lanes<L>::B mask{};
    for (int l = 0; l < L; ++l) {
        mask[l] = finish.channels[static_cast<std::size_t>(l % 4)] ? 0xFF : 0x00;
    }
    return mask;
}

// finishValue() for L lanes, the same operations in the same order: IEEE divide, abs, add the
// offset, round half away from zero, saturate. Values are first clamped to [-1, 256], which
// changes no result (both ends saturate the same way) and keeps the integer conversion in range.
template <int L>
CONVIS_INLINE void finishStore(typename Lanes<L>::F sum, const RowFinish& finish,
                               typename Lanes<L>::B mask, const std::uint8_t* input,
                               std::uint8_t* out) {
    using F = typename Lanes<L>::F;
    using I = typename Lanes<L>::I;
    using B = typename Lanes<L>::B;
    F q = sum / finish.divisor;
    if (finish.absolute) {
        I bits;
        std::memcpy(&bits, &q, sizeof bits);
        bits &= 0x7fffffff;
        std::memcpy(&q, &bits, sizeof q);
    }
    q = q + finish.offset;
    const F low = F{} - 1.0f;
    const F high = F{} + 256.0f;
    q = q < low ? low : q;
    q = q > high ? high : q;
    I t = __builtin_convertvector(q, I);               // truncates toward zero
    const F frac = q - __builtin_convertvector(t, F);  // exact: the fractional part of q
    t = t - (frac >= 0.5f) + (frac <= -0.5f);          // comparisons give -1 where true
    const I zero{};
    const I maxByte = I{} + 255;
    t = t < zero ? zero : t;
    t = t > maxByte ? maxByte : t;
    const B result = __builtin_convertvector(t, B);
    B source;
    std::memcpy(&source, input, sizeof source);
    const B blended = (result & mask) | (source & ~mask);
    std::memcpy(out, &blended, sizeof blended);
}

CONVIS_INLINE std::uint8_t finishScalar(float sum, const RowFinish& finish, std::uint8_t input,
                                        int i) {
    return finish.channels[static_cast<std::size_t>(i % 4)]
               ? finishValue(sum, finish.divisor, finish.offset, finish.absolute)
               : input;
}

template <int L>
CONVIS_INLINE void convolve2d(const float* const* rows, const float* taps, int kw, int kh, int n,
                              const RowFinish& finish, const std::uint8_t* input,
                              std::uint8_t* out) {
    using F = typename Lanes<L>::F;
    const auto mask = channelMask<L>(finish);
    int i = 0;
    for (; i + kStrip * L <= n; i += kStrip * L) {
        F acc[kStrip] = {};
        for (int ky = 0; ky < kh; ++ky) {
            const float* row = rows[ky] + i;
            const float* w = taps + ky * kw;
            for (int kx = 0; kx < kw; ++kx) {
                const F weight = F{} + w[kx];
                const float* p = row + 4 * kx;
#pragma GCC unroll 8
                for (int s = 0; s < kStrip; ++s) {
                    acc[s] = acc[s] + weight * load<L>(p + s * L);
                }
            }
        }
#pragma GCC unroll 8
        for (int s = 0; s < kStrip; ++s) {
            finishStore<L>(acc[s], finish, mask, input + i + s * L, out + i + s * L);
        }
    }
    for (; i + L <= n; i += L) {
        F acc{};
        for (int ky = 0; ky < kh; ++ky) {
            const float* row = rows[ky] + i;
            const float* w = taps + ky * kw;
            for (int kx = 0; kx < kw; ++kx) {
                acc = acc + (F{} + w[kx]) * load<L>(row + 4 * kx);
            }
        }
        finishStore<L>(acc, finish, mask, input + i, out + i);
    }
    for (; i < n; ++i) {
        float sum = 0.0f;
        for (int ky = 0; ky < kh; ++ky) {
            for (int kx = 0; kx < kw; ++kx) {
                sum += taps[ky * kw + kx] * rows[ky][i + 4 * kx];
            }
        }
        out[i] = finishScalar(sum, finish, input[i], i);
    }
}

template <int L>
CONVIS_INLINE void rowPass(const float* padded, const float* factors, int kw, int n, float* out) {
    using F = typename Lanes<L>::F;
    int i = 0;
    for (; i + kStrip * L <= n; i += kStrip * L) {
        F acc[kStrip] = {};
        for (int kx = 0; kx < kw; ++kx) {
            const F weight = F{} + factors[kx];
            const float* p = padded + i + 4 * kx;
#pragma GCC unroll 8
            for (int s = 0; s < kStrip; ++s) {
                acc[s] = acc[s] + weight * load<L>(p + s * L);
            }
        }
        std::memcpy(out + i, acc, sizeof acc);
    }
    for (; i < n; ++i) {
        float sum = 0.0f;
        for (int kx = 0; kx < kw; ++kx) {
            sum += factors[kx] * padded[i + 4 * kx];
        }
        out[i] = sum;
    }
}

template <int L>
CONVIS_INLINE void columnPass(const float* const* rows, const float* factors, int kh, int n,
                              const RowFinish& finish, const std::uint8_t* input,
                              std::uint8_t* out) {
    using F = typename Lanes<L>::F;
    const auto mask = channelMask<L>(finish);
    int i = 0;
    for (; i + kStrip * L <= n; i += kStrip * L) {
        F acc[kStrip] = {};
        for (int ky = 0; ky < kh; ++ky) {
            const F weight = F{} + factors[ky];
            const float* p = rows[ky] + i;
#pragma GCC unroll 8
            for (int s = 0; s < kStrip; ++s) {
                acc[s] = acc[s] + weight * load<L>(p + s * L);
            }
        }
#pragma GCC unroll 8
        for (int s = 0; s < kStrip; ++s) {
            finishStore<L>(acc[s], finish, mask, input + i + s * L, out + i + s * L);
        }
    }
    for (; i < n; ++i) {
        float sum = 0.0f;
        for (int ky = 0; ky < kh; ++ky) {
            sum += factors[ky] * rows[ky][i];
        }
        out[i] = finishScalar(sum, finish, input[i], i);
    }
}

CONVIS_INLINE void widen(const std::uint8_t* src, int n, float* dst) {
    for (int i = 0; i < n; ++i) {
        dst[i] = static_cast<float>(src[i]);
    }
}

}  // namespace convis::rowimpl
