#include "cli/control_command.hpp"

#include <iostream>

#include "cli/call_remedies.hpp"
#include "runtime/control/client/control_call.hpp"
#include "runtime/control/client/control_client.hpp"

namespace postern::cli {

using control_client::CallFailure;
using control_client::CallResult;
using control_client::ControlApi;
using control_client::ControlClient;
using control_client::failure_from;

ControlCommandEnv default_control_env() {
  return ControlCommandEnv{[]() -> base::Result<std::unique_ptr<ControlApi>> {
                             control_client::ControlClientOptions options;
                             options.user_agent = "postern-cli";
                             auto client = ControlClient::open_current(options);
                             if (!client) return client.error();
                             return std::unique_ptr<ControlApi>(
                                 std::make_unique<ControlClient>(std::move(client).value()));
                           },
                           &std::cout, &std::cerr};
}

int with_control(const ControlCommandEnv& env, const OutputOptions& output,
                 const std::function<int(ControlApi&)>& body) {
  auto api = env.connect();
  if (!api) return print_failure(env, output, failure_from(api.error()));
  return body(*api.value());
}

int print_failure(const ControlCommandEnv& env, const OutputOptions& output,
                  const CallFailure& answered) {
  const CallFailure failure = with_cli_remedy(answered);
  if (output.json) {
    nlohmann::json error = {{"code", failure.code}, {"message", failure.message}};
    if (!failure.remedy.empty()) error["remedy"] = failure.remedy;
    if (failure.status != 0) error["status"] = failure.status;
    *env.out << nlohmann::json{{"error", error}}.dump(2) << "\n";
  } else {
    *env.err << "error: " << failure.message;
    if (failure.status != 0) *env.err << " (" << failure.status << " " << failure.code << ")";
    *env.err << "\n";
    if (!failure.remedy.empty()) *env.err << "  fix: " << failure.remedy << "\n";
  }
  return kFailure;
}

int present(const ControlCommandEnv& env, const OutputOptions& output,
            const CallResult<nlohmann::json>& answer, const JsonView& view) {
  if (!answer) return print_failure(env, output, answer.error());
  if (output.json) {
    // dump's replace mode: bytes from the wire that are not UTF-8 (a captured URL) are shown
    // as U+FFFD instead of ending the command with an exception.
    *env.out << answer.value().dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
             << "\n";
  } else {
    view(*env.out, answer.value());
  }
  return kSuccess;
}

}  // namespace postern::cli
