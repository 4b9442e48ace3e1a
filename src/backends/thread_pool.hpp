// A small persistent pool of worker threads that runs one task per thread index and waits.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace convis {

// Thread 0 is always the calling thread; threads 1..size()-1 are workers that sleep on a
// condition variable between runs. The pool is owned by one backend; the destructor wakes and
// joins every worker (RAII), so no thread outlives its owner.
class ThreadPool {
  public:
    // threads >= 1: the calling thread plus threads - 1 workers.
    explicit ThreadPool(int threads);
    ~ThreadPool();
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    int size() const { return static_cast<int>(m_workers.size()) + 1; }

    // Calls task(i) for every i in 0..size()-1, each on its own thread (i == 0 on the caller),
    // and returns when all have finished. The first exception thrown by any task is rethrown
    // here after all tasks have finished. Not reentrant: one run at a time.
    void run(const std::function<void(int)>& task);

  private:
    void workerLoop(int index);

    std::vector<std::thread> m_workers;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_done;
    const std::function<void(int)>* m_task = nullptr;
    std::uint64_t m_generation = 0;
    int m_pending = 0;
    bool m_stopping = false;
    std::exception_ptr m_error;
};

}  // namespace convis
