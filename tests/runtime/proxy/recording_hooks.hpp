#pragma once
// ExchangeHooks that remember every exchange, for proxy tests: what started, the response
// status, the bodies seen and how it ended. Thread-safe: the proxy calls from its I/O thread.

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "runtime/proxy/exchange_hooks.hpp"

namespace postern::testing {

struct RecordedExchange {
  std::string method;
  std::string url;
  bool tls = false;
  int status = 0;
  std::string request_body;
  std::string response_body;
  proxy::ExchangeEnd end;
  bool finished = false;
};

class RecordingHooks : public proxy::ExchangeHooks {
 public:
  /// Record response bodies (true) or decline them from response_head (false).
  bool want_response_bodies = true;

  std::unique_ptr<proxy::ExchangeRecorder> exchange_started(
      const proxy::ExchangeStart& start) override {
    std::lock_guard lock(mutex_);
    RecordedExchange recorded;
    recorded.method = start.method;
    recorded.url = start.url;
    recorded.tls = start.tls;
    exchanges_.push_back(std::move(recorded));
    return std::make_unique<Recorder>(*this, exchanges_.size() - 1);
  }

  /// Waits until `count` exchanges have finished; returns a copy of all of them.
  std::vector<RecordedExchange> wait_finished(
      std::size_t count, std::chrono::seconds limit = std::chrono::seconds(10)) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, limit, [&] {
      std::size_t done = 0;
      for (const auto& e : exchanges_)
        done += e.finished ? 1 : 0;
      return done >= count;
    });
    return exchanges_;
  }

 private:
  class Recorder : public proxy::ExchangeRecorder {
   public:
    Recorder(RecordingHooks& hooks, std::size_t index) : hooks_(hooks), index_(index) {}
    void request_body(std::string_view bytes) override {
      std::lock_guard lock(hooks_.mutex_);
      hooks_.exchanges_[index_].request_body += bytes;
    }
    bool response_head(const proxy::ResponseStart& response) override {
      std::lock_guard lock(hooks_.mutex_);
      hooks_.exchanges_[index_].status = response.status;
      return hooks_.want_response_bodies;
    }
    void response_body(std::string_view bytes) override {
      std::lock_guard lock(hooks_.mutex_);
      hooks_.exchanges_[index_].response_body += bytes;
    }
    void finished(const proxy::ExchangeEnd& end) override {
      {
        std::lock_guard lock(hooks_.mutex_);
        hooks_.exchanges_[index_].end = end;
        hooks_.exchanges_[index_].finished = true;
      }
      hooks_.changed_.notify_all();
    }

   private:
    RecordingHooks& hooks_;
    std::size_t index_;
  };

  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<RecordedExchange> exchanges_;
};

}  // namespace postern::testing
