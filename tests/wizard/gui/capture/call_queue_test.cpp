#include "wizard/gui/capture/call_queue.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <future>
#include <mutex>
#include <vector>

using namespace postern;

TEST_CASE("the call queue runs jobs in order on one thread and drops the rest when destroyed",
          "[gui][capture]") {
  std::vector<int> order;
  std::mutex mutex;
  std::promise<void> release;
  auto released = release.get_future().share();
  {
    gui::CallQueue queue;
    std::promise<void> first_started;
    queue.post([&, released] {
      first_started.set_value();
      released.wait();
      std::lock_guard lock(mutex);
      order.push_back(1);
    });
    first_started.get_future().wait();
    queue.post([&] {
      std::lock_guard lock(mutex);
      order.push_back(2);
    });
    CHECK(queue.pending() == 2);
    // The destructor drops job 2 and waits for job 1.
    std::thread opener([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      release.set_value();
    });
    opener.detach();
  }
  CHECK(order == std::vector<int>{1});

  gui::CallQueue queue;
  std::promise<void> done;
  for (int i = 0; i < 5; ++i)
    queue.post([&, i] {
      std::lock_guard lock(mutex);
      order.push_back(10 + i);
    });
  queue.post([&] { done.set_value(); });
  done.get_future().wait();
  CHECK(order == std::vector<int>{1, 10, 11, 12, 13, 14});
}
