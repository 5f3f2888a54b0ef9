#include "runtime/daemon/folder_watch.hpp"

#include <catch2/catch.hpp>
#include <chrono>

using postern::daemon::FolderWatch;
using namespace std::chrono_literals;

TEST_CASE("the watch reports a lost folder once, at the first failed check, and stops",
          "[daemon][folder_watch]") {
  boost::asio::io_context io;
  FolderWatch watch(io, 5ms);
  int checks = 0, lost = 0;
  watch.start([&] { return ++checks < 4; }, [&] { ++lost; });
  // run() returns only when no timer is pending: the watch re-arms while the folder is ours
  // and not after it is lost.
  const auto start = std::chrono::steady_clock::now();
  io.run_for(5s);
  CHECK(std::chrono::steady_clock::now() - start < 4s);
  CHECK(checks == 4);
  CHECK(lost == 1);
}

TEST_CASE("a stopped watch checks no more and lets the io_context finish",
          "[daemon][folder_watch]") {
  boost::asio::io_context io;
  FolderWatch watch(io, 5ms);
  int checks = 0, lost = 0;
  watch.start(
      [&] {
        if (++checks == 2) watch.stop();  // as the runtime's stop does, from the io thread
        return true;
      },
      [&] { ++lost; });
  const auto start = std::chrono::steady_clock::now();
  io.run_for(5s);
  CHECK(std::chrono::steady_clock::now() - start < 4s);
  CHECK(checks == 2);
  CHECK(lost == 0);
}

TEST_CASE("stop() before the first check cancels the timer", "[daemon][folder_watch]") {
  boost::asio::io_context io;
  FolderWatch watch(io, 10s);
  bool checked = false;
  watch.start([&] { return checked = true; }, [] {});
  watch.stop();
  const auto start = std::chrono::steady_clock::now();
  io.run_for(5s);
  CHECK(std::chrono::steady_clock::now() - start < 4s);  // not the 10 s period
  CHECK_FALSE(checked);
}

TEST_CASE("a stop() that comes before start() wins", "[daemon][folder_watch]") {
  boost::asio::io_context io;
  FolderWatch watch(io, 5ms);
  watch.stop();  // the runtime was told to stop while it was still starting
  bool checked = false;
  watch.start([&] { return checked = true; }, [] {});
  io.run_for(1s);
  CHECK_FALSE(checked);
}
