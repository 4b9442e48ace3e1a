// Fused separable convolution for rank-1 kernels: each block walks down a strip of the image,
// 8 rows a step: the row pass turns the step's input rows (converted to float once, by the
// row-pass items themselves or, for wide factors, into a shared tile) into row sums in a shared
// ring, and the column pass reads the ring. Only the K - 1 rows before a strip's first output
// are computed twice (by the strip above too).
#pragma once

#include "conv_common.cuh"

namespace convis::device {

template <int K>
struct SeparableConfig {
    static constexpr int kK = K;
    static constexpr FastBlockShape kShape = fastSeparableShape(K);
    static constexpr int kRadius = K / 2;
    static constexpr int kHalo = (kRadius + 3) & ~3;  // tile rows start 16-byte aligned
    static constexpr int kThreads = kShape.threadsX * kShape.threadsY;
    // Rows per step. Each row-pass item computes kPer adjacent row sums of one row, each
    // column-pass thread kPer outputs down its column; kParts threads share a column.
    static constexpr int kChunk = 8;
    static constexpr int kPer = kChunk / kShape.threadsY;
    static constexpr int kParts = kShape.threadsY;
    static constexpr int kStripW = kShape.threadsX;  // output columns of a block
    static constexpr int kItems = kStripW / kPer;    // row-pass items per tile row
    static_assert(kItems * kChunk == kThreads && kPer * kParts == kChunk);
    // Steps the row pass runs ahead of the column pass: outputs of step c need row sums up to
    // row 8c + 7 + 2 kRadius (counted from the strip's first input row).
    static constexpr int kLag = (kChunk - 1 + 2 * kRadius) / kChunk;
    // The ring holds kLag + 1 steps of row sums: every row the column pass reads, and none that
    // the next row pass overwrites; step j uses slot j mod kPhases.
    static constexpr int kPhases = kLag + 1;
    static constexpr int kRingRows = kChunk * kPhases;
    static constexpr int kTileW = kStripW + 2 * kHalo;
    static constexpr int kQuads = kTileW / 4;  // 16-byte groups of 4 pixels per tile row
    static constexpr int kQuadColumns = (kQuads + kItems - 1) / kItems;  // per staging thread
    // Layouts that keep the 8 threads of each 16-byte shared-memory phase in 8 different bank
    // groups. Tile: one float4 of padding after every kPer pixels (row-pass items kPer apart read
    // it; their (kPer + 1) stride spreads them, and every tap offset stays a compile-time
    // constant). Ring, up to 15 taps: one float4 after every 8 columns (the column pass reads 8
    // adjacent columns; the row pass writes 8 adjacent ones, an item's own group). Above, where
    // the ring is the largest part of shared memory and its padding cost a fourth block per SM:
    // no padding but an XOR swizzle within each group of 8 columns by the group's number (the
    // column pass still reads one group, permuted; element o of items kPer apart lands in bank
    // group (kPer i + o) mod 8 XOR the group number, distinct for 8 neighbouring items). Up to
    // 15 taps the swizzle's address arithmetic cost more (2% at K = 9) than it saved.
    static constexpr bool kSwizzledRing = K > 15;
    static __host__ __device__ constexpr int tileColumn(int c) { return c + c / kPer; }
    static __host__ __device__ constexpr int ringColumn(int c) {
        return kSwizzledRing ? c ^ ((c >> 3) & 7) : c + c / 8;
    }
    static constexpr int kTileStride = tileColumn(kTileW);
    static constexpr int kRingStride = kSwizzledRing ? kStripW : ringColumn(kStripW);
    static constexpr int kOff = kHalo - kRadius;  // tile column of tap 0 for column 0
    // Narrow factors (up to 15 taps) skip the tile: each row-pass item loads its kPer + 2 kHalo
    // pixels from global memory (the overlap comes from L1) and converts them itself, a few more
    // conversions per output than the tile's, but without the tile more blocks fit an SM. Wide
    // factors would convert each pixel up to 9 times that way: they keep the tile.
    static constexpr bool kDirect = K <= 15;
    static constexpr int kSpanQuads = (kPer + 2 * kHalo) / 4;  // quads a direct item loads
    static constexpr int kMinBlocks = kDirect ? 6 : 2;

    static std::size_t sharedBytes() {
        return static_cast<std::size_t>((kDirect ? 0 : kChunk * kTileStride) +
                                        kRingRows * kRingStride) *
               sizeof(float4);
    }
};

// Four pixels of input row `src` from column x (a multiple of 4): one 16-byte load where the
// caller knows all four lie inside the image, else each through the border mode.
__device__ inline uint4 loadQuad(const uchar4* src, int x, bool inside, const ConvParams& p) {
    if (inside) {
        return __ldg(reinterpret_cast<const uint4*>(src + x));
    }
    unsigned word[4];
#pragma unroll
    for (int k = 0; k < 4; ++k) {
        const int sx = remapIndex(x + k, p.width, p.border);
        word[k] = sx < 0 ? 0u : packPixel(__ldg(src + sx));
    }
    return make_uint4(word[0], word[1], word[2], word[3]);
}

// The input pixels of one row-pass item without a tile: kSpanQuads quads of one input row,
// loaded a step ahead of their use.
template <class C>
struct ItemSpan {
    uint4 quad[C::kSpanQuads];
};

// Issues the loads of the calling thread's item of step `step`: image row y0 - kRadius + 8
// step + row, columns from x0 + kPer item - kHalo.
template <class C>
__device__ inline void loadSpan(ItemSpan<C>& span, const ConvParams& p, const std::uint8_t* in,
                                int x0, int y0, int step) {
    const int t = static_cast<int>(threadIdx.x);
    const int row = t / C::kItems;
    const int item = t - row * C::kItems;
    const int sy = remapIndex(y0 - C::kRadius + C::kChunk * step + row, p.height, p.border);
    const int gxs = x0 + C::kPer * item - C::kHalo;
    const bool interior = gxs >= 0 && gxs + 4 * C::kSpanQuads <= p.width;
    const uchar4* src = rowPointer(in, p.inPitch, sy < 0 ? 0 : sy);
#pragma unroll
    for (int m = 0; m < C::kSpanQuads; ++m) {
        // A row outside the image under the zero border reads as zeros.
        span.quad[m] =
            sy < 0 ? make_uint4(0u, 0u, 0u, 0u) : loadQuad(src, gxs + 4 * m, interior, p);
    }
}

// The raw quads of one step's input rows, loaded ahead of their use: thread (row, q) of the
// staging layout holds quads q, q + kItems, ... of tile row `row`.
template <class C>
struct StagedQuads {
    uint4 quad[C::kQuadColumns];
};

// Issues the loads of the tile rows of step `step` (image rows y0 - kRadius + 8 step + row).
template <class C>
__device__ inline void loadStep(StagedQuads<C>& staged, const ConvParams& p, const std::uint8_t* in,
                                int x0, int y0, int step) {
    const int t = static_cast<int>(threadIdx.x);
    const int row = t / C::kItems;
    const int q0 = t - row * C::kItems;
    const int sy = remapIndex(y0 - C::kRadius + C::kChunk * step + row, p.height, p.border);
    const int gx0 = x0 - C::kHalo;
    const bool interior = gx0 >= 0 && gx0 + C::kTileW <= p.width;
#pragma unroll
    for (int m = 0; m < C::kQuadColumns; ++m) {
        const int q = q0 + m * C::kItems;
        uint4& v = staged.quad[m];
        v = make_uint4(0u, 0u, 0u, 0u);
        if (q >= C::kQuads || sy < 0) {
            continue;  // past the tile, or a row outside the image under the zero border
        }
        v = loadQuad(rowPointer(in, p.inPitch, sy), gx0 + 4 * q, interior, p);
    }
}

// Converts the staged quads to float into the tile.
template <class C>
__device__ inline void storeStep(const StagedQuads<C>& staged, float4* tile) {
    const int t = static_cast<int>(threadIdx.x);
    const int row = t / C::kItems;
    const int q0 = t - row * C::kItems;
#pragma unroll
    for (int m = 0; m < C::kQuadColumns; ++m) {
        const int q = q0 + m * C::kItems;
        if (q < C::kQuads) {
            // Pixels 4q..4q+3 share one padding group, so they are contiguous in the tile.
            float4* dst = tile + row * C::kTileStride + C::tileColumn(4 * q);
            const uint4 v = staged.quad[m];
            dst[0] = toFloat4(v.x);
            dst[1] = toFloat4(v.y);
            dst[2] = toFloat4(v.z);
            dst[3] = toFloat4(v.w);
        }
    }
}

// An item's kPer row sums into its ring row. Padded layout: kPer adjacent slots from the first
// (contiguous, compile-time offsets); swizzled: each column through ringColumn.
template <class C>
__device__ inline void storeRowSums(const float4 (&sum)[C::kPer], float4* ringRow, int item) {
    if constexpr (C::kSwizzledRing) {
#pragma unroll
        for (int o = 0; o < C::kPer; ++o) {
            ringRow[C::ringColumn(C::kPer * item + o)] = sum[o];
        }
    } else {
        float4* dst = ringRow + C::ringColumn(C::kPer * item);
#pragma unroll
        for (int o = 0; o < C::kPer; ++o) {
            dst[o] = sum[o];
        }
    }
}

// Row pass of one step: kPer adjacent row sums of one tile row into ring slot `slot`.
template <class C, bool kAlpha>
__device__ inline void rowPass(const float4* tile, float4* ring, int slot,
                               const SeparableTaps& taps) {
    constexpr int K = C::kK;
    const int t = static_cast<int>(threadIdx.x);
    const int row = t / C::kItems;
    const int item = t - row * C::kItems;
    // Item column kPer item + j sits at tile column (kPer + 1) item + tileColumn(j).
    const float4* src = tile + row * C::kTileStride + (C::kPer + 1) * item;
    float4 sum[C::kPer];
#pragma unroll
    for (int o = 0; o < C::kPer; ++o) {
        sum[o] = make_float4(0.0f, 0.0f, 0.0f, 0.0f);
    }
#pragma unroll
    for (int j = 0; j < C::kPer + K - 1; ++j) {
        const float4 v = src[C::tileColumn(C::kOff + j)];
#pragma unroll
        for (int o = 0; o < C::kPer; ++o) {
            const int kx = j - o;
            if (kx >= 0 && kx < K) {
                accumulate<kAlpha>(sum[o], taps.row[kx], v);  // taps left to right per output
            }
        }
    }
    storeRowSums<C>(sum, ring + (C::kChunk * slot + row) * C::kRingStride, item);
}

// Row pass of one step without a tile: the item's row sums from its own loaded span.
template <class C, bool kAlpha>
__device__ inline void rowPassDirect(const ItemSpan<C>& span, float4* ring, int slot,
                                     const SeparableTaps& taps) {
    constexpr int K = C::kK;
    const int t = static_cast<int>(threadIdx.x);
    const int row = t / C::kItems;
    const int item = t - row * C::kItems;
    float4 sum[C::kPer];
#pragma unroll
    for (int o = 0; o < C::kPer; ++o) {
        sum[o] = make_float4(0.0f, 0.0f, 0.0f, 0.0f);
    }
#pragma unroll
    for (int j = 0; j < C::kPer + K - 1; ++j) {
        const int at = C::kOff + j;  // pixel of the span
        const uint4& q = span.quad[at / 4];
        const float4 v = toFloat4(at % 4 == 0 ? q.x : at % 4 == 1 ? q.y : at % 4 == 2 ? q.z : q.w);
#pragma unroll
        for (int o = 0; o < C::kPer; ++o) {
            const int kx = j - o;
            if (kx >= 0 && kx < K) {
                accumulate<kAlpha>(sum[o], taps.row[kx], v);  // taps left to right per output
            }
        }
    }
    storeRowSums<C>(sum, ring + (C::kChunk * slot + row) * C::kRingStride, item);
}

// Column pass of one step, part kPart of the thread's column: kPer outputs down it from the
// ring rows of steps c .. c + kLag (c = the step of the outputs' first row), whose ring slots
// start at `slot` (mod kPhases); then the post-op and the stores.
template <class C, bool kAlpha, int kPart, class Store>
__device__ inline void columnPart(const float4* ring, int slot, const ConvParams& p,
                                  const SeparableTaps& taps, const std::uint8_t* in,
                                  const Store& out, unsigned mask, int column, int gx, int gy0) {
    constexpr int K = C::kK;
    constexpr int kFirst = kPart * C::kPer;  // first ring row, relative to step c's
    constexpr int kChunks = (kFirst + C::kPer + K - 2) / C::kChunk + 1;
    const float4* chunk[kChunks];
#pragma unroll
    for (int d = 0; d < kChunks; ++d) {
        const int s = slot + d < C::kPhases ? slot + d : slot + d - C::kPhases;
        chunk[d] = ring + C::kChunk * s * C::kRingStride + C::ringColumn(column);
    }
    float4 acc[C::kPer];
#pragma unroll
    for (int o = 0; o < C::kPer; ++o) {
        acc[o] = make_float4(0.0f, 0.0f, 0.0f, 0.0f);
    }
#pragma unroll
    for (int i = 0; i < C::kPer + K - 1; ++i) {
        const int m = kFirst + i;
        const float4 v = chunk[m / C::kChunk][(m % C::kChunk) * C::kRingStride];
#pragma unroll
        for (int o = 0; o < C::kPer; ++o) {
            const int ky = i - o;
            if (ky >= 0 && ky < K) {
                accumulate<kAlpha>(acc[o], taps.column[ky], v);  // taps top to bottom
            }
        }
    }
    if (gx >= p.width) {
        return;
    }
    unsigned packed[C::kPer];
    finishAll<kAlpha>(acc, packed, p);
    const int gy = gy0 + kFirst;
    if (mask == 0xFFFFFFFFu && gy + C::kPer <= p.height) {
        out.storeColumn(gx, gy, packed);  // the common case: one address, then a pitch a row
        return;
    }
#pragma unroll
    for (int o = 0; o < C::kPer; ++o) {
        if (gy + o < p.height) {
            unsigned value = packed[o];
            if (mask != 0xFFFFFFFFu) {
                value = mergeChannels(value, packPixel(loadPixel(in, p.inPitch, gx, gy + o)), mask);
            }
            out.storePixel(gx, gy + o, unpackPixel(value));
        }
    }
}

// The column pass of one step: the thread's part of its column (a warp-uniform choice).
template <class C, bool kAlpha, class Store>
__device__ inline void columnPass(const float4* ring, int slot, const ConvParams& p,
                                  const SeparableTaps& taps, const std::uint8_t* in,
                                  const Store& out, unsigned mask, int x0, int gy0) {
    const int t = static_cast<int>(threadIdx.x);
    const int part = t / C::kStripW;
    const int column = t - part * C::kStripW;
    static_assert(C::kParts <= 2);
    if (C::kParts == 1 || part == 0) {
        columnPart<C, kAlpha, 0>(ring, slot, p, taps, in, out, mask, column, x0 + column, gy0);
    } else {
        columnPart<C, kAlpha, C::kParts - 1>(ring, slot, p, taps, in, out, mask, column,
                                             x0 + column, gy0);
    }
}

template <int K, bool kAlpha, class Store>
__global__ void __launch_bounds__(SeparableConfig<K>::kThreads, SeparableConfig<K>::kMinBlocks)
    fastSeparableKernel(const __grid_constant__ ConvParams p,
                        const __grid_constant__ SeparableTaps taps, int stripRows,
                        const std::uint8_t* __restrict__ in, Store out) {
    using C = SeparableConfig<K>;
    extern __shared__ float4 separableShared[];
    // kRingRows x kRingStride row sums, then (wide factors) the kChunk x kTileStride tile.
    float4* ring = separableShared;
    float4* tile = separableShared + C::kRingRows * C::kRingStride;
    const int x0 = static_cast<int>(blockIdx.x) * C::kStripW;
    const int y0 = static_cast<int>(blockIdx.y) * stripRows;  // a multiple of 8
    // The row pass of step j covers input rows y0 - kRadius + 8j .. + 7 and writes ring slot
    // j mod kPhases; the column pass of step j computes outputs y0 + 8 (j - kLag) .. + 7 from
    // the slots of steps j - kLag .. j, the first of which is (j + 1) mod kPhases.
    const int outputRows = min(stripRows, p.height - y0);
    const int steps = (outputRows + C::kChunk - 1) / C::kChunk + C::kLag;
    const unsigned mask = filteredByteMask(p);  // once, not per step

    int slot = 0;
    if constexpr (C::kDirect) {
        ItemSpan<C> span;
        loadSpan<C>(span, p, in, x0, y0, 0);
        for (int j = 0; j < steps; ++j) {
            rowPassDirect<C, kAlpha>(span, ring, slot, taps);
            if (j + 1 < steps) {
                loadSpan<C>(span, p, in, x0, y0, j + 1);  // in flight during the column pass
            }
            __syncthreads();  // ring rows written
            slot = slot + 1 == C::kPhases ? 0 : slot + 1;
            if (j >= C::kLag) {
                columnPass<C, kAlpha>(ring, slot, p, taps, in, out, mask, x0,
                                      y0 + C::kChunk * (j - C::kLag));
            }
            __syncthreads();  // ring read
        }
    } else {
        StagedQuads<C> staged;
        loadStep<C>(staged, p, in, x0, y0, 0);
        storeStep<C>(staged, tile);
        loadStep<C>(staged, p, in, x0, y0, 1);
        __syncthreads();
        for (int j = 0; j < steps; ++j) {
            rowPass<C, kAlpha>(tile, ring, slot, taps);
            __syncthreads();  // ring rows written, tile read
            storeStep<C>(staged, tile);
            if (j + 2 < steps) {
                loadStep<C>(staged, p, in, x0, y0, j + 2);  // in flight during the column pass
            }
            slot = slot + 1 == C::kPhases ? 0 : slot + 1;
            if (j >= C::kLag) {
                columnPass<C, kAlpha>(ring, slot, p, taps, in, out, mask, x0,
                                      y0 + C::kChunk * (j - C::kLag));
            }
            __syncthreads();  // tile written, ring read
        }
    }
}

}  // namespace convis::device
