// One worker thread for long CPU work: progress, cancel, and completion handed back to the main
// thread between frames (poll), so the UI never blocks and GL stays on the main thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace convis {

// What a running job sees: its cancel flag and where to report progress (0..1).
class JobControl {
  public:
    JobControl(const std::atomic<bool>& cancel, std::atomic<double>& progress)
        : m_cancel(cancel), m_progress(progress) {}
    const std::atomic<bool>& cancelFlag() const { return m_cancel; }
    bool cancelled() const { return m_cancel.load(std::memory_order_relaxed); }
    void setProgress(double fraction) { m_progress.store(fraction, std::memory_order_relaxed); }

  private:
    const std::atomic<bool>& m_cancel;
    std::atomic<double>& m_progress;
};

class JobRunner {
  public:
    using Work = std::function<void(JobControl&)>;  // runs on the worker; must catch its own errors
    using Done = std::function<void()>;             // runs on the main thread, in poll()

    // wake is called from the worker when a job finishes (e.g. glfwPostEmptyEvent), may be empty.
    explicit JobRunner(std::function<void()> wake = {});
    ~JobRunner();  // cancels and joins
    JobRunner(const JobRunner&) = delete;
    JobRunner& operator=(const JobRunner&) = delete;

    // Queues work; a job still waiting is replaced (its done never runs) and a running one is
    // asked to cancel: the newest request wins, which is what live editing needs.
    void submit(Work work, Done done);
    void cancel();
    bool busy() const;
    double progress() const { return m_progress.load(std::memory_order_relaxed); }
    // Main thread: runs the done callbacks of finished jobs. Returns how many ran.
    int poll();
    // Blocks until idle (tests and headless screenshots); false on timeout.
    bool waitIdle(double seconds);

  private:
    struct Job {
        Work work;
        Done done;
    };
    void loop();

    std::function<void()> m_wake;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::optional<Job> m_pending;
    bool m_running = false;
    bool m_stop = false;
    std::vector<Done> m_finished;
    std::atomic<bool> m_cancel{false};
    std::atomic<double> m_progress{0.0};
    std::thread m_thread;  // last: starts after every member it uses exists
};

}  // namespace convis
