#pragma once
// Runs `postern` commands in-process for tests: a CLI::App with the commands under test, a fake
// control API that records requests and answers from canned JSON, and string streams for what
// the command prints. Parse errors map to exit 2 as in cli/main.cpp.

#include <CLI/CLI.hpp>
#include <deque>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/control_command.hpp"
#include "cli/control_errc.hpp"
#include "cli/report.hpp"

namespace postern::testing {

/// A control API that answers from a queue and records every request.
class FakeControlApi {
 public:
  /// Requests sent so far, in order.
  std::vector<cli::ControlRequest> requests;
  /// Answers still to give; an empty queue answers 500.
  std::deque<base::Result<cli::ControlResponse>> replies;
  /// Whether each next connect succeeds (true) or finds no runtime (false); empty: succeeds.
  std::deque<bool> connects;
  /// Connect attempts so far.
  int connect_attempts = 0;

  /// Queues a JSON answer.
  void reply(int status, const nlohmann::json& body) {
    replies.push_back(cli::ControlResponse{status, "application/json", body.dump()});
  }
  /// Queues an answer with a body as it is.
  void reply_text(int status, std::string body, std::string type = "text/plain") {
    replies.push_back(cli::ControlResponse{status, std::move(type), std::move(body)});
  }
  /// Queues the API's error object.
  void reply_error(int status, const std::string& code, const std::string& message) {
    reply(status, {{"error", {{"code", code}, {"message", message}}}});
  }

  /// A connector handing out APIs that forward here.
  cli::ControlConnector connector() {
    return [this]() -> base::Result<std::unique_ptr<cli::ControlApi>> {
      ++connect_attempts;
      bool ok = true;
      if (!connects.empty()) {
        ok = connects.front();
        connects.pop_front();
      }
      if (!ok)
        return base::Error{make_error_code(cli::control_errc::not_running),
                           "the runtime is not running (there is no control.json)",
                           "start it with `postern runtime start`"};
      return std::unique_ptr<cli::ControlApi>(std::make_unique<Forward>(*this));
    };
  }

  /// The last request's body as JSON (null when it had none).
  nlohmann::json last_body() const {
    if (requests.empty() || requests.back().body.empty()) return nullptr;
    return nlohmann::json::parse(requests.back().body);
  }

 private:
  struct Forward final : cli::ControlApi {
    explicit Forward(FakeControlApi& owner) : fake(owner) {}
    base::Result<cli::ControlResponse> send(const cli::ControlRequest& request) override {
      fake.requests.push_back(request);
      if (fake.replies.empty()) return cli::ControlResponse{500, "application/json", "{}"};
      auto answer = fake.replies.front();
      fake.replies.pop_front();
      return answer;
    }
    FakeControlApi& fake;
  };
};

/// One run of commands added by `add` with `args` (without the program name).
class CliHarness {
 public:
  FakeControlApi api;
  std::ostringstream out;
  std::ostringstream err;

  /// The environment the commands under test get.
  cli::ControlCommandEnv env() { return cli::ControlCommandEnv{api.connector(), &out, &err}; }

  /// Parses and runs; the command's exit code, or 2 for a usage error.
  int run(const std::vector<std::string>& args,
          const std::function<void(CLI::App&, cli::OutputOptions&, int&)>& add) {
    CLI::App app;
    app.name("postern");
    app.require_subcommand(1);
    cli::OutputOptions output;
    int exit_code = cli::kSuccess;
    add(app, output, exit_code);
    std::vector<const char*> argv{"postern"};
    for (const auto& arg : args)
      argv.push_back(arg.c_str());
    try {
      app.parse(static_cast<int>(argv.size()), argv.data());
    } catch (const CLI::ParseError& e) {
      const int code = app.exit(e, out, err);
      return code == 0 ? cli::kSuccess : cli::kUsage;
    }
    return exit_code;
  }

  /// What was printed on out, parsed as JSON.
  nlohmann::json out_json() const { return nlohmann::json::parse(out.str()); }
};

}  // namespace postern::testing
