#pragma once
// A daemon::Server on its own thread, listening in a temporary folder, for in-process tests of
// sessions, the listener and the server. Stopped and joined on destruction.

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <boost/asio/io_context.hpp>

#include "runtime/bridge/runtime_probe.hpp"
#include "runtime/daemon/server.hpp"
#include "support/temp_dir.hpp"

namespace postern::testing {

/// Waits, polling every 2 ms, until `done()` or `timeout`; returns done().
template <class Predicate>
bool wait_until(Predicate done, std::chrono::milliseconds timeout = std::chrono::seconds(3)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return done();
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

/// A started server in `<temp>/run/postern.sock`.
class RunningServer {
 public:
  explicit RunningServer(daemon::ServerLimits limits = {},
                         unsigned long allowed_uid = static_cast<unsigned long>(::geteuid()))
      : started_(base::Ok{}) {
    std::filesystem::create_directories(dir_ / "run");
    server_ = std::make_unique<daemon::Server>(
        io_, socket_file(), limits, [this](const std::string& line) { add_log(line); },
        [this] { ++stops_; }, allowed_uid);
    started_ = server_->start();
    thread_ = std::thread([this] {
      io_.run();
      finished_ = true;
    });
  }
  ~RunningServer() {
    server_->stop();
    thread_.join();
  }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  std::filesystem::path socket_file() const { return bridge::runtime_socket_file(dir_ / "run"); }
  const base::Status_or_error& started() const { return started_; }
  daemon::Server& server() { return *server_; }
  /// True once io_context::run() returned: everything stopped.
  bool finished() const { return finished_; }
  int stops() const { return stops_; }
  std::string log() const {
    std::lock_guard lock(mutex_);
    return log_;
  }

 private:
  void add_log(const std::string& line) {
    std::lock_guard lock(mutex_);
    log_ += line + "\n";
  }

  TempDir dir_;
  boost::asio::io_context io_;
  base::Status_or_error started_;
  std::unique_ptr<daemon::Server> server_;
  std::thread thread_;
  std::atomic<bool> finished_{false};
  std::atomic<int> stops_{0};
  mutable std::mutex mutex_;
  std::string log_;
};

}  // namespace postern::testing
