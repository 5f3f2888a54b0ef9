#pragma once
// A control API that answers from a queue and records every request, for tests of the typed
// calls and of the CLI's commands: no runtime needed.

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/control/client/control_api.hpp"

namespace postern::testing {

class FakeControlApi {
 public:
  /// Requests sent so far, in order.
  std::vector<control_client::ControlRequest> requests;
  /// Answers still to give; an empty queue answers 500.
  std::deque<base::Result<control_client::ControlResponse>> replies;

  /// Queues a JSON answer.
  void reply(int status, const nlohmann::json& body) {
    replies.push_back(control_client::ControlResponse{status, "application/json", body.dump()});
  }
  /// Queues an answer with a body as it is.
  void reply_text(int status, std::string body, std::string type = "text/plain") {
    replies.push_back(control_client::ControlResponse{status, std::move(type), std::move(body)});
  }
  /// Queues the API's error object.
  void reply_error(int status, const std::string& code, const std::string& message) {
    reply(status, {{"error", {{"code", code}, {"message", message}}}});
  }

  /// The last request's body as JSON (null when it had none).
  nlohmann::json last_body() const {
    if (requests.empty() || requests.back().body.empty()) return nullptr;
    return nlohmann::json::parse(requests.back().body);
  }

  /// An API that forwards here (this fake must outlive it).
  std::unique_ptr<control_client::ControlApi> api() { return std::make_unique<Forward>(*this); }

 private:
  struct Forward final : control_client::ControlApi {
    explicit Forward(FakeControlApi& owner) : fake(owner) {}
    base::Result<control_client::ControlResponse> send(
        const control_client::ControlRequest& request) override {
      fake.requests.push_back(request);
      if (fake.replies.empty())
        return control_client::ControlResponse{500, "application/json", "{}"};
      auto answer = fake.replies.front();
      fake.replies.pop_front();
      return answer;
    }
    FakeControlApi& fake;
  };
};

}  // namespace postern::testing
