// The job thread: results come back through poll, cancel stops a job, the newest job wins.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "app/jobs.hpp"

namespace convis {

TEST_CASE("a job runs off the calling thread and its completion is handed back by poll") {
    JobRunner jobs;
    const auto caller = std::this_thread::get_id();
    std::thread::id worker;
    bool done = false;
    jobs.submit(
        [&](JobControl& control) {
            worker = std::this_thread::get_id();
            control.setProgress(1.0);
        },
        [&] { done = true; });
    REQUIRE(jobs.waitIdle(10.0));
    CHECK_FALSE(done);  // nothing runs on the main thread until poll
    CHECK(jobs.poll() == 1);
    CHECK(done);
    CHECK(worker != caller);
    CHECK(jobs.progress() == 1.0);
}

TEST_CASE("cancel stops a running job, and a newer submit supersedes a waiting one") {
    JobRunner jobs;
    std::atomic<bool> started{false};
    std::atomic<bool> sawCancel{false};
    int finished = 0;
    jobs.submit(
        [&](JobControl& control) {
            started = true;
            const auto limit = std::chrono::steady_clock::now() + std::chrono::seconds(10);
            while (!control.cancelled() && std::chrono::steady_clock::now() < limit) {
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
            sawCancel = control.cancelled();
        },
        [&] { ++finished; });
    while (!started) {
        std::this_thread::yield();
    }
    int second = 0;
    int third = 0;
    jobs.submit([](JobControl&) {}, [&] { ++second; });  // asks the running job to stop
    jobs.submit([](JobControl&) {}, [&] { ++third; });   // replaces the waiting one
    REQUIRE(jobs.waitIdle(10.0));
    jobs.poll();
    CHECK(sawCancel);
    CHECK(finished == 1);
    CHECK(second == 0);
    CHECK(third == 1);
}

}  // namespace convis
