// The parallel CPU backend.
//
// Threads: a small persistent pool of std::threads owned by the backend, rather than OpenMP.
// The pool makes the band-to-thread assignment explicit (thread t computes exactly rowBands()[t],
// which the animation shows), lets a cancel flag and exceptions cross threads in plain C++,
// sleeps on a condition variable between runs instead of spinning (OpenMP's default wait
// policy burns shared cores), and lives and dies with its owner: no runtime-global state.
//
// Per band, each thread keeps a ring of kernel-height input rows widened to float, with the
// border columns filled from a precomputed index table and out-of-image rows resolved by
// remapIndex(), so the hot loop never tests a border. Rank-1 kernels run in fixed point where
// planFixedPoint() proves that keeps the numerics: a vertical pass over the kernel's input rows
// (u8, read in place) into one int16 row, its border columns filled from the index table, then a
// horizontal pass with the finish. Other rank-1 kernels run as a row pass into a ring of float
// rows, then a column pass.
#include "backends/cpu_parallel.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "backends/fixed_point_plan.hpp"
#include "backends/thread_pool.hpp"
#include "core/convolve_pixel.hpp"
#include "core/error.hpp"
#include "core/separable_split.hpp"

namespace convis {

namespace {

constexpr int kNoRow = std::numeric_limits<int>::min();

// Everything a band needs, computed once per run and shared read-only by all threads.
struct Plan {
    const Image* input = nullptr;
    Image* output = nullptr;
    const RowKernels* kernels = nullptr;
    int width = 0;
    int height = 0;
    int kw = 1;
    int kh = 1;
    int rx = 0;
    int ry = 0;
    BorderMode border = BorderMode::Clamp;
    std::vector<float> taps;  // 2D path, correlation order
    std::optional<SeparableSplit> split;
    std::optional<FixedPointPlan> fixed;  // the fixed-point separable path
    FixedFinish fixedFinish;
    std::vector<int> columnSource;  // padded column j -> source column, or -1 for zero
    RowFinish finish;
    // Integer path (RowKernels::convolveQuads): four taps per 32-bit weight, `groups` per row.
    bool quads = false;
    int groups = 0;
    std::vector<std::int32_t> quadWeights;

    int paddedFloats() const { return (width + 2 * rx) * kChannels; }
    int rowFloats() const { return width * kChannels; }
    // Quads per row: output x reads quads x, x + 4, ..., x + 4 (groups - 1).
    int quadCount() const { return width + 4 * (groups - 1); }
    // The u8 padded row the quads are built from: width + 2 rx pixels, zeros up to quadCount + 3.
    int paddedBytesPixels() const { return width + 4 * groups + 4; }
};

// The integer path gives the reference's result exactly when every weight is an integer that
// fits a signed byte and every sum is an exact float32 integer (sum |w| * 255 < 2^24): then the
// reference's own float sum is exact too, whatever the order. Below 5 taps a row the quads cost
// more to build than they save.
bool integerQuadsExact(const Kernel& taps) {
    if (taps.width() < 5 || !taps.isIntegerValued()) {
        return false;
    }
    double absSum = 0.0;
    for (float w : taps.weights()) {
        if (w < -128.0f || w > 127.0f) {
            return false;
        }
        absSum += std::fabs(static_cast<double>(w));
    }
    return absSum * 255.0 < 16777216.0;
}

// Four taps per dword, tap 4g + b in byte b, zeros past the kernel's width.
std::vector<std::int32_t> packQuadWeights(const Kernel& taps, int groups) {
    std::vector<std::int32_t> packed;
    for (int ky = 0; ky < taps.height(); ++ky) {
        for (int g = 0; g < groups; ++g) {
            std::uint32_t word = 0;
            for (int b = 0; b < 4; ++b) {
                const int kx = 4 * g + b;
                const auto w = kx < taps.width() ? static_cast<std::int8_t>(taps.at(kx, ky)) : 0;
                word |= static_cast<std::uint32_t>(static_cast<std::uint8_t>(w)) << (8 * b);
            }
            packed.push_back(static_cast<std::int32_t>(word));
        }
    }
    return packed;
}

int floorMod(int a, int n) {
    const int m = a % n;
    return m < 0 ? m + n : m;
}

}  // namespace

// Per-thread buffers, kept between runs so a steady stream of frames allocates nothing. The small
// arrays written on every output row live inside the struct, which starts and ends on a cache
// line of its own: as separate small heap blocks, two threads' arrays shared cache lines and
// every row's writes bounced them between the cores.
struct alignas(64) CpuParallelBackend::Scratch {
    template <typename T>
    using PerTap = std::array<T, Kernel::kMaxSide>;  // one entry per kernel row

    std::vector<float> ring;      // kh slots: padded rows (2D) or row-pass results (separable)
    PerTap<int> ringRow{};        // which logical row each slot holds
    std::vector<float> zeroRow;   // what a Zero-border row outside the image reads
    std::vector<float> padded;    // separable: one widened input row before the row pass
    PerTap<const float*> rows{};  // the kh rows the current output row reads
    // The integer path's equivalents: rings of quad rows built from a padded u8 row.
    std::vector<std::int32_t> quadRing;
    std::vector<std::int32_t> zeroQuads;
    std::vector<std::uint8_t> paddedBytes;
    PerTap<const std::int32_t*> quadRows{};
    // The fixed-point path: the kh input rows of an output row, a zero row for the Zero border
    // and one padded int16 row of vertical sums.
    PerTap<const std::uint8_t*> byteRows{};
    std::vector<std::uint8_t> zeroBytes;
    std::vector<std::int16_t> vertical;
    BandTiming timing;  // this thread's share of the last run

    void prepare(const Plan& plan) {
        ringRow.fill(kNoRow);
        if (plan.fixed) {
            zeroBytes.assign(static_cast<std::size_t>(plan.rowFloats()), 0);
            vertical.resize(static_cast<std::size_t>(plan.paddedFloats()));
            return;
        }
        if (plan.quads) {
            const auto quadInts = static_cast<std::size_t>(plan.quadCount()) * kChannels;
            quadRing.resize(quadInts * static_cast<std::size_t>(plan.kh));
            zeroQuads.assign(quadInts, 0);
            paddedBytes.assign(static_cast<std::size_t>(plan.paddedBytesPixels()) * kChannels, 0);
            return;
        }
        const int slotFloats = plan.split ? plan.rowFloats() : plan.paddedFloats();
        ring.resize(static_cast<std::size_t>(slotFloats) * static_cast<std::size_t>(plan.kh));
        zeroRow.assign(static_cast<std::size_t>(slotFloats), 0.0f);
        padded.resize(plan.split ? static_cast<std::size_t>(plan.paddedFloats()) : 0);
    }
};

namespace {

// Widens input row `sourceRow` into dst and fills the border columns.
void widenPadded(const Plan& plan, int sourceRow, float* dst) {
    plan.kernels->widen(plan.input->pixel(0, sourceRow), plan.rowFloats(),
                        dst + plan.rx * kChannels);
    const int paddedWidth = plan.width + 2 * plan.rx;
    for (int j = 0; j < paddedWidth; ++j) {
        if (j == plan.rx) {
            j = plan.rx + plan.width - 1;  // skip the interior, already widened
            continue;
        }
        float* cell = dst + j * kChannels;
        const int source = plan.columnSource[static_cast<std::size_t>(j)];
        if (source < 0) {
            std::fill(cell, cell + kChannels, 0.0f);
        } else {
            std::copy_n(dst + (plan.rx + source) * kChannels, kChannels, cell);
        }
    }
}

// The row the kernel row ky reads for output row y: a ring slot filled on first use.
template <typename Scratch>
const float* sourceRow(const Plan& plan, Scratch& scratch, int logical) {
    const int source = remapIndex(logical, plan.height, plan.border);
    if (source < 0) {
        return scratch.zeroRow.data();
    }
    const int slot = floorMod(logical, plan.kh);
    const std::size_t slotFloats = scratch.zeroRow.size();
    float* data = scratch.ring.data() + static_cast<std::size_t>(slot) * slotFloats;
    if (scratch.ringRow[static_cast<std::size_t>(slot)] != logical) {
        if (plan.split) {
            widenPadded(plan, source, scratch.padded.data());
            plan.kernels->rowPass(scratch.padded.data(), plan.split->row.data(), plan.kw,
                                  plan.rowFloats(), data);
        } else {
            widenPadded(plan, source, data);
        }
        scratch.ringRow[static_cast<std::size_t>(slot)] = logical;
    }
    return data;
}

// The quad row for logical input row `logical`, built on first use (integer path).
template <typename Scratch>
const std::int32_t* sourceQuadRow(const Plan& plan, Scratch& scratch, int logical) {
    const int source = remapIndex(logical, plan.height, plan.border);
    if (source < 0) {
        return scratch.zeroQuads.data();
    }
    const int slot = floorMod(logical, plan.kh);
    const std::size_t slotInts = scratch.zeroQuads.size();
    std::int32_t* data = scratch.quadRing.data() + static_cast<std::size_t>(slot) * slotInts;
    if (scratch.ringRow[static_cast<std::size_t>(slot)] != logical) {
        std::uint8_t* padded = scratch.paddedBytes.data();
        std::memcpy(padded + plan.rx * kChannels, plan.input->pixel(0, source),
                    static_cast<std::size_t>(plan.rowFloats()));
        for (int j = 0; j < plan.width + 2 * plan.rx; ++j) {
            if (j == plan.rx) {
                j = plan.rx + plan.width - 1;  // skip the interior, already copied
                continue;
            }
            const int from = plan.columnSource[static_cast<std::size_t>(j)];
            std::uint8_t* cell = padded + j * kChannels;
            if (from < 0) {
                std::fill(cell, cell + kChannels, std::uint8_t{0});
            } else {
                std::copy_n(plan.input->pixel(from, source), kChannels, cell);
            }
        }
        plan.kernels->buildQuads(padded, plan.quadCount(), data);
        scratch.ringRow[static_cast<std::size_t>(slot)] = logical;
    }
    return data;
}

// Fixed point: the vertical pass reads the kernel's input rows in place, its int16 result gets
// border columns like a widened input row, then the horizontal pass finishes the output row.
template <typename Scratch>
void computeFixedRow(const Plan& plan, Scratch& scratch, int y) {
    for (int ky = 0; ky < plan.kh; ++ky) {
        const int source = remapIndex(y + ky - plan.ry, plan.height, plan.border);
        scratch.byteRows[static_cast<std::size_t>(ky)] =
            source < 0 ? scratch.zeroBytes.data() : plan.input->pixel(0, source);
    }
    // The row the next output row reads first, prefetched during this one's vertical pass.
    const int next = remapIndex(y + 1 + plan.ry, plan.height, plan.border);
    const std::uint8_t* ahead = next < 0 ? nullptr : plan.input->pixel(0, next);
    std::int16_t* row = scratch.vertical.data();
    plan.kernels->fixedVertical(scratch.byteRows.data(), plan.fixed->column.data(), plan.kh,
                                plan.fixed->columnSymmetry, plan.fixed->intermediateShift,
                                plan.rowFloats(), row + plan.rx * kChannels, ahead);
    for (int j = 0; j < plan.width + 2 * plan.rx; ++j) {
        if (j == plan.rx) {
            j = plan.rx + plan.width - 1;  // skip the interior
            continue;
        }
        std::int16_t* cell = row + j * kChannels;
        const int from = plan.columnSource[static_cast<std::size_t>(j)];
        if (from < 0) {
            std::fill(cell, cell + kChannels, std::int16_t{0});
        } else {
            std::copy_n(row + (plan.rx + from) * kChannels, kChannels, cell);
        }
    }
    plan.kernels->fixedHorizontal(row, plan.fixed->row.data(), plan.kw, plan.fixed->rowSymmetry,
                                  plan.fixedFinish, plan.rowFloats(), plan.input->pixel(0, y),
                                  plan.output->pixel(0, y));
}

template <typename Scratch>
void computeRow(const Plan& plan, Scratch& scratch, int y) {
    if (plan.fixed) {
        computeFixedRow(plan, scratch, y);
        return;
    }
    if (plan.quads) {
        for (int ky = 0; ky < plan.kh; ++ky) {
            scratch.quadRows[static_cast<std::size_t>(ky)] =
                sourceQuadRow(plan, scratch, y + ky - plan.ry);
        }
        plan.kernels->convolveQuads(scratch.quadRows.data(), plan.quadWeights.data(), plan.groups,
                                    plan.kh, plan.rowFloats(), plan.finish, plan.input->pixel(0, y),
                                    plan.output->pixel(0, y));
        return;
    }
    for (int ky = 0; ky < plan.kh; ++ky) {
        scratch.rows[static_cast<std::size_t>(ky)] = sourceRow(plan, scratch, y + ky - plan.ry);
    }
    const std::uint8_t* in = plan.input->pixel(0, y);
    std::uint8_t* out = plan.output->pixel(0, y);
    if (plan.split) {
        plan.kernels->columnPass(scratch.rows.data(), plan.split->column.data(), plan.kh,
                                 plan.rowFloats(), plan.finish, in, out);
    } else {
        plan.kernels->convolve2d(scratch.rows.data(), plan.taps.data(), plan.kw, plan.kh,
                                 plan.rowFloats(), plan.finish, in, out);
    }
}

}  // namespace

CpuParallelBackend::CpuParallelBackend() : CpuParallelBackend(Config{}) {}

CpuParallelBackend::CpuParallelBackend(Config config)
    : m_config(config),
      m_kernels(config.kernels != nullptr ? config.kernels : &selectRowKernels()) {}

CpuParallelBackend::~CpuParallelBackend() = default;

BackendInfo CpuParallelBackend::info() const {
    const int cores = m_config.maxThreads > 0 ? m_config.maxThreads : hardwareThreadCount();
    return {"cpu-parallel",
            "CPU parallel",
            "Static row bands on " + std::to_string(cores) + " threads, " + m_kernels->isa +
                " row kernels" +
                (m_kernels->convolveQuads != nullptr ? " (integer kernels: avx512-vnni)" : "") +
                ", separable fast path (fixed point: " + m_kernels->fixedIsa + ").",
            BackendKind::CpuParallel,
            true,
            ""};
}

int CpuParallelBackend::threadsFor(const RunOptions& options) const {
    const int cores = m_config.maxThreads > 0 ? m_config.maxThreads : hardwareThreadCount();
    return resolveThreadCount(options.threads, cores);
}

ParallelRunRecord CpuParallelBackend::lastRun() const {
    std::lock_guard<std::mutex> lock(m_recordMutex);
    return m_lastRun;
}

RunResult CpuParallelBackend::run(const Image& input, const ConvRequest& request, Image& output,
                                  const RunOptions& options) {
    std::lock_guard<std::mutex> runLock(m_runMutex);
    const PreparedRequest prepared(request);  // validates
    const auto start = std::chrono::steady_clock::now();
    Image inPlaceCopy;  // filtering an image into itself: threads must read the original
    const Image& source = &input == &output ? (inPlaceCopy = input) : input;
    if (output.width() != source.width() || output.height() != source.height()) {
        output = Image(source.width(), source.height());
    }

    Plan plan;
    plan.input = &source;
    plan.output = &output;
    plan.kernels = m_kernels;
    plan.width = source.width();
    plan.height = source.height();
    plan.kw = prepared.taps.width();
    plan.kh = prepared.taps.height();
    plan.rx = prepared.taps.radiusX();
    plan.ry = prepared.taps.radiusY();
    plan.border = prepared.border;
    plan.finish = {prepared.divisor, prepared.offset, prepared.absolute, prepared.channels};
    if (m_config.allowSeparable && m_config.allowFixedPoint &&
        m_kernels->fixedVertical != nullptr) {
        plan.fixed =
            planFixedPoint(prepared.taps, prepared.divisor, prepared.offset, prepared.absolute);
    }
    if (plan.fixed) {
        plan.fixedFinish.shift = plan.fixed->outputShift;
        plan.fixedFinish.add = plan.fixed->outputAdd;
        plan.fixedFinish.absolute = plan.fixed->absolute;
        plan.fixedFinish.useFloat = plan.fixed->floatFinish;
        plan.fixedFinish.floatFinish = plan.finish;
    } else if (m_config.allowSeparable) {
        plan.split = separableSplit(prepared.taps, prepared.divisor);
    }
    if (!plan.split && !plan.fixed) {
        plan.taps = prepared.taps.weights();
        plan.quads = m_config.allowIntegerQuads && m_kernels->convolveQuads != nullptr &&
                     integerQuadsExact(prepared.taps);
    }
    if (plan.quads) {
        plan.groups = (plan.kw + 3) / 4;
        plan.quadWeights = packQuadWeights(prepared.taps, plan.groups);
    }
    for (int j = 0; !source.empty() && j < plan.width + 2 * plan.rx; ++j) {
        plan.columnSource.push_back(remapIndex(j - plan.rx, plan.width, plan.border));
    }

    const int threads = threadsFor(options);
    const std::vector<RowBand> bands = rowBands(plan.height, threads);
    if (!source.empty()) {
        if (!m_pool || m_pool->size() != threads) {
            m_pool.reset();  // join the old workers before starting new ones
            m_pool = std::make_unique<ThreadPool>(threads);
        }
        m_scratch.resize(static_cast<std::size_t>(threads));
        for (const RowBand& band : bands) {
            if (band.rowCount > 0) {
                m_scratch[static_cast<std::size_t>(band.thread)].prepare(plan);
            }
        }

        std::atomic<bool> cancelled{false};
        std::atomic<int> rowsDone{0};
        std::mutex progressMutex;
        int rowsReported = 0;
        constexpr int kProgressRows = 32;
        const auto poolStart = std::chrono::steady_clock::now();
        m_pool->run([&](int t) {
            if (static_cast<std::size_t>(t) >= bands.size()) {
                return;  // fewer rows than threads
            }
            const RowBand& band = bands[static_cast<std::size_t>(t)];
            Scratch& scratch = m_scratch[static_cast<std::size_t>(t)];
            const auto bandStart = std::chrono::steady_clock::now();
            scratch.timing = {};
            int pending = 0;
            for (int y = band.firstRow; y < band.firstRow + band.rowCount; ++y) {
                if (cancelled.load(std::memory_order_relaxed) ||
                    (options.cancel != nullptr &&
                     options.cancel->load(std::memory_order_relaxed))) {
                    cancelled.store(true, std::memory_order_relaxed);
                    return;
                }
                computeRow(plan, scratch, y);
                if (options.progress &&
                    (++pending == kProgressRows || y + 1 == band.firstRow + band.rowCount)) {
                    const int done = rowsDone.fetch_add(pending) + pending;
                    pending = 0;
                    std::lock_guard<std::mutex> lock(progressMutex);
                    if (done > rowsReported) {  // callers see a rising fraction
                        rowsReported = done;
                        options.progress(static_cast<double>(done) / plan.height);
                    }
                }
            }
            const auto bandEnd = std::chrono::steady_clock::now();
            scratch.timing = {
                std::chrono::duration<double, std::milli>(bandStart - poolStart).count(),
                std::chrono::duration<double, std::milli>(bandEnd - bandStart).count()};
        });
        if (cancelled.load()) {
            throw Cancelled();
        }
    }
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::vector<BandTiming> timings;
    for (const RowBand& band : bands) {
        if (!source.empty() && band.rowCount > 0) {
            timings.push_back(m_scratch[static_cast<std::size_t>(band.thread)].timing);
        }
    }
    {
        std::lock_guard<std::mutex> lock(m_recordMutex);
        const bool fixedPoint = plan.fixed.has_value();
        m_lastRun = {
            plan.split.has_value() || fixedPoint,
            plan.quads,
            fixedPoint,
            plan.quads ? "avx512-vnni" : (fixedPoint ? m_kernels->fixedIsa : m_kernels->isa),
            threads,
            bands,
            std::move(timings)};
    }
    return {{{"compute", ms}}, ms};
}

}  // namespace convis
