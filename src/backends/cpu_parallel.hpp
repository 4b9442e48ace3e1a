// The parallel CPU backend: static row bands on a persistent thread pool, SIMD row kernels
// chosen at run time, borders resolved outside the hot loop, and a separable fast path.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "backends/backend.hpp"
#include "backends/row_kernels.hpp"
#include "core/row_bands.hpp"

namespace convis {

class ThreadPool;

// When one band's thread started computing (ms after the pool was started) and for how long.
struct BandTiming {
    double startMs = 0.0;
    double busyMs = 0.0;
};

// What the last run did: which path, which instruction set, and which thread computed which
// rows (the animation and the tests read this; it is the real assignment, not a model of it).
struct ParallelRunRecord {
    bool separable = false;
    bool integerQuads = false;  // the AVX-512 VNNI integer 2D path
    bool fixedPoint = false;    // the separable path in 16/32-bit fixed point (FixedPointPlan)
    std::string isa;            // the instruction set of the loop that ran
    int threads = 0;
    std::vector<RowBand> bands;
    std::vector<BandTiming> timings;  // per band: shows start-up delay and imbalance
};

class CpuParallelBackend final : public Backend {
  public:
    struct Config {
        // Upper bound for RunOptions::threads; 0 = the hardware thread count. Tests raise it to
        // exercise more bands than this machine has cores.
        int maxThreads = 0;
        // Row kernels to use; nullptr = the widest this CPU supports.
        const RowKernels* kernels = nullptr;
        // Use the two-pass path for rank-1 kernels where separableSplit() allows it.
        bool allowSeparable = true;
        // Use the integer 2D path for small integer kernels where the CPU has it.
        bool allowIntegerQuads = true;
        // Run rank-1 kernels in fixed point where planFixedPoint() proves it keeps the numerics
        // (needs allowSeparable).
        bool allowFixedPoint = true;
    };

    CpuParallelBackend();
    explicit CpuParallelBackend(Config config);
    ~CpuParallelBackend() override;

    BackendInfo info() const override;
    RunResult run(const Image& input, const ConvRequest& request, Image& output,
                  const RunOptions& options) override;

    // The thread count a run with these options uses.
    int threadsFor(const RunOptions& options) const;
    ParallelRunRecord lastRun() const;

  private:
    struct Scratch;

    Config m_config;
    const RowKernels* m_kernels;
    std::mutex m_runMutex;  // one run at a time per backend (it owns the pool and scratch)
    std::unique_ptr<ThreadPool> m_pool;
    std::vector<Scratch> m_scratch;
    mutable std::mutex m_recordMutex;
    ParallelRunRecord m_lastRun;
};

}  // namespace convis
