#include "runtime/daemon/blocking_work.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <future>
#include <thread>

using postern::daemon::BlockingWork;
using namespace std::chrono_literals;

TEST_CASE("jobs run on a worker thread, not the caller's", "[daemon][blocking]") {
  BlockingWork work(2, 4);
  std::promise<std::thread::id> ran_on;
  REQUIRE(work.run([&] { ran_on.set_value(std::this_thread::get_id()); }));
  auto id = ran_on.get_future();
  REQUIRE(id.wait_for(2s) == std::future_status::ready);
  CHECK(id.get() != std::this_thread::get_id());
}

TEST_CASE("more jobs than the bound are refused, not queued", "[daemon][blocking]") {
  BlockingWork work(1, 2);
  std::promise<void> release;
  auto gate = release.get_future().share();
  CHECK(work.run([gate] { gate.wait(); }));
  CHECK(work.run([gate] { gate.wait(); }));
  CHECK_FALSE(work.run([] {}));  // two in hand already
  release.set_value();
  work.stop();
}

TEST_CASE("stop sets the cancel flag that running jobs watch, and waits for them",
          "[daemon][blocking]") {
  BlockingWork work(1, 4);
  std::atomic<bool> started{false}, saw_cancel{false};
  REQUIRE(work.run([&] {
    started = true;
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (!work.cancelled() && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(1ms);
    saw_cancel = work.cancelled().load();
  }));
  while (!started)
    std::this_thread::sleep_for(1ms);
  const auto begin = std::chrono::steady_clock::now();
  work.stop();
  CHECK(saw_cancel);  // stop() returned after the job ended
  CHECK(std::chrono::steady_clock::now() - begin < 1s);
  CHECK_FALSE(work.run([] {}));  // nothing runs after stop
  work.stop();                   // twice is fine
}
