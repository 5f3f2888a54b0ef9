#include "runtime/requester/curl_easy.hpp"

#include <catch2/catch.hpp>
#include <thread>
#include <vector>

using postern::requester::make_curl_easy;

TEST_CASE("easy handles can be made from several threads at once (global set-up runs once)") {
  std::vector<std::thread> threads;
  std::atomic<int> made{0};
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] {
      if (make_curl_easy()) ++made;
    });
  for (auto& thread : threads)
    thread.join();
  CHECK(made == 4);
}
