// Persistent worker threads for the parallel CPU backend.
#include "backends/thread_pool.hpp"

#include <algorithm>

namespace convis {

ThreadPool::ThreadPool(int threads) {
    const int workers = std::max(0, threads - 1);
    m_workers.reserve(static_cast<std::size_t>(workers));
    for (int i = 1; i <= workers; ++i) {
        m_workers.emplace_back([this, i] { workerLoop(i); });
    }
}

ThreadPool::~ThreadPool() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (std::thread& worker : m_workers) {
        worker.join();
    }
}

void ThreadPool::run(const std::function<void(int)>& task) {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_task = &task;
        m_pending = static_cast<int>(m_workers.size());
        m_error = nullptr;
        ++m_generation;
    }
    m_wake.notify_all();
    std::exception_ptr callerError;
    try {
        task(0);
    } catch (...) {
        callerError = std::current_exception();
    }
    std::unique_lock<std::mutex> lock(m_mutex);
    m_done.wait(lock, [this] { return m_pending == 0; });
    m_task = nullptr;
    if (callerError) {
        std::rethrow_exception(callerError);
    }
    if (m_error) {
        std::rethrow_exception(m_error);
    }
}

void ThreadPool::workerLoop(int index) {
    std::uint64_t seen = 0;
    for (;;) {
        const std::function<void(int)>* task = nullptr;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(lock, [this, seen] { return m_stopping || m_generation != seen; });
            if (m_stopping) {
                return;
            }
            seen = m_generation;
            task = m_task;
        }
        std::exception_ptr error;
        try {
            (*task)(index);
        } catch (...) {
            error = std::current_exception();
        }
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            if (error && !m_error) {
                m_error = error;
            }
            --m_pending;
            if (m_pending == 0) {
                m_done.notify_one();
            }
        }
    }
}

}  // namespace convis
