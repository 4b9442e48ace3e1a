// Worker thread.
#include "app/jobs.hpp"

#include <chrono>

namespace convis {

JobRunner::JobRunner(std::function<void()> wake)
    : m_wake(std::move(wake)), m_thread([this] { loop(); }) {}

JobRunner::~JobRunner() {
    {
        const std::lock_guard lock(m_mutex);
        m_stop = true;
        m_pending.reset();
        m_cancel.store(true);
    }
    m_changed.notify_all();
    m_thread.join();
}

void JobRunner::submit(Work work, Done done) {
    {
        const std::lock_guard lock(m_mutex);
        m_pending = Job{std::move(work), std::move(done)};
        if (m_running) {
            m_cancel.store(true);
        }
    }
    m_changed.notify_all();
}

void JobRunner::cancel() {
    const std::lock_guard lock(m_mutex);
    m_pending.reset();
    if (m_running) {
        m_cancel.store(true);
    }
}

bool JobRunner::busy() const {
    const std::lock_guard lock(m_mutex);
    return m_running || m_pending.has_value();
}

int JobRunner::poll() {
    std::vector<Done> finished;
    {
        const std::lock_guard lock(m_mutex);
        finished.swap(m_finished);
    }
    for (Done& done : finished) {
        if (done) {
            done();
        }
    }
    return static_cast<int>(finished.size());
}

bool JobRunner::waitIdle(double seconds) {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, std::chrono::duration<double>(seconds),
                              [this] { return !m_running && !m_pending.has_value(); });
}

void JobRunner::loop() {
    std::unique_lock lock(m_mutex);
    while (true) {
        m_changed.wait(lock, [this] { return m_stop || m_pending.has_value(); });
        if (m_stop) {
            return;
        }
        Job job = std::move(*m_pending);
        m_pending.reset();
        m_running = true;
        m_cancel.store(false);
        m_progress.store(0.0);
        lock.unlock();
        JobControl control(m_cancel, m_progress);
        if (job.work) {
            job.work(control);
        }
        lock.lock();
        m_running = false;
        m_finished.push_back(std::move(job.done));
        m_changed.notify_all();
        if (m_wake) {
            m_wake();
        }
    }
}

}  // namespace convis
