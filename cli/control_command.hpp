#pragma once
// What the commands that talk to the runtime (runtime, capture, cookies) share: how to reach the
// control API, where to print, and one way to show an answer (the API's JSON with --json, a view
// for people otherwise) or a failure (a sentence and a next step). Tests swap the connector for
// a fake API and the streams for string streams.

#include <functional>
#include <iosfwd>
#include <memory>

#include <nlohmann/json.hpp>

#include "base/result.hpp"
#include "cli/report.hpp"
#include "runtime/control/client/call_result.hpp"
#include "runtime/control/client/control_api.hpp"

namespace postern::cli {

/// Makes a ControlApi for the runtime, or says why it cannot (not running, bad control.json).
using ControlConnector = std::function<base::Result<std::unique_ptr<control_client::ControlApi>>()>;

/// A view that prints an answer for people.
using JsonView = std::function<void(std::ostream&, const nlohmann::json&)>;

/// How the control-API commands reach the runtime and where they print.
struct ControlCommandEnv {
  ControlConnector connect;  ///< called once per command
  std::ostream* out;         ///< answers and --json documents
  std::ostream* err;         ///< failures and notes for people
};

/// The real environment: ControlClient::open_current(), std::cout and std::cerr.
ControlCommandEnv default_control_env();

/// Connects and runs `body` with the API; a failure to connect is printed and gives kFailure.
int with_control(const ControlCommandEnv& env, const OutputOptions& output,
                 const std::function<int(control_client::ControlApi&)>& body);

/// Prints `failure` ({"error":{"code","message","remedy","status"}} on out with --json, else
/// "error: ..." and "  fix: ..." on err) and returns kFailure. A failure without a remedy gets
/// the CLI's own for its code (cli/call_remedies.hpp).
int print_failure(const ControlCommandEnv& env, const OutputOptions& output,
                  const control_client::CallFailure& failure);

/// Prints `answer`: the failure, the JSON itself with --json, else `view`. kSuccess when it
/// was an answer.
int present(const ControlCommandEnv& env, const OutputOptions& output,
            const control_client::CallResult<nlohmann::json>& answer, const JsonView& view);

}  // namespace postern::cli
