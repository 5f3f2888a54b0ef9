#include "cli/capture_command.hpp"

#include <CLI/CLI.hpp>
#include <optional>
#include <ostream>
#include <string>

#include "cli/capture_filters.hpp"
#include "cli/capture_history_command.hpp"
#include "cli/capture_views.hpp"
#include "cli/runtime_views.hpp"
#include "cli/text_table.hpp"
#include "runtime/control/client/control_call.hpp"
#include "runtime/control/client/json_view.hpp"
#include "runtime/control/client/runtime_status.hpp"

namespace postern::cli {

using control_client::call_json;
using control_client::ControlApi;
using control_client::object_at;
using control_client::proxy_addresses;
using control_client::text_at;

using nlohmann::json;

namespace {

// Option values of `capture start`; owned by the callback so they live as long as the app.
struct StartArgs {
  std::optional<std::string> name;
  CaptureFilterArgs filters;
};

// After a start, people need to know where to send traffic: the proxy address from /v1/status.
// Only a hint: a failure here does not fail the start.
void print_proxy_hint(std::ostream& out, ControlApi& api) {
  auto status = call_json(api, "GET", "/v1/status");
  if (!status) return;
  const auto addresses = proxy_addresses(status.value());
  if (!addresses.empty())
    out << "send traffic through the capture proxy at http://" << printable(addresses.front())
        << "\n";
}

int run_start(const ControlCommandEnv& env, const OutputOptions& output, const StartArgs& args) {
  // Checked before anything is sent: a bad option is a usage error, not a half-made session.
  const json options = capture_options_json(args.filters);
  json body = json::object();
  if (args.name) body["name"] = *args.name;
  if (!options.empty()) body["options"] = options;
  return with_control(env, output, [&](ControlApi& api) {
    auto session = call_json(api, "POST", "/v1/capture/start", body);
    const int code = present(env, output, session, print_session);
    if (code == kSuccess && !output.json) {
      print_proxy_hint(*env.out, api);
      *env.out << "stop it with `postern capture stop`\n";
    }
    return code;
  });
}

int run_options(const ControlCommandEnv& env, const OutputOptions& output,
                const CaptureFilterArgs& filters) {
  const json changes = capture_options_json(filters);
  if (changes.empty())
    throw CLI::ValidationError("capture options",
                               "name at least one option to change (see --help)");
  return with_control(env, output, [&](ControlApi& api) {
    // The API takes whole CaptureOptions: start from the session's own, so an option not named
    // here keeps its value instead of going back to the default.
    auto capture = call_json(api, "GET", "/v1/capture");
    if (!capture) return print_failure(env, output, capture.error());
    const json& current = object_at(capture.value(), "options");
    const json merged = merge_capture_options(current, changes);
    return present(env, output, call_json(api, "PUT", "/v1/capture/options", merged),
                   print_session);
  });
}

// pause, resume and stop: a POST without a body answering the session.
int run_transition(const ControlCommandEnv& env, const OutputOptions& output,
                   const std::string& verb) {
  return with_control(env, output, [&](ControlApi& api) {
    return present(env, output, call_json(api, "POST", "/v1/capture/" + verb),
                   [&verb](std::ostream& out, const json& session) {
                     print_session(out, session);
                     const json& collection =
                         object_at(object_at(session, "options"), "collection");
                     if (verb == "stop" && !collection.empty())
                       out << "the runtime writes the collection to "
                           << printable(text_at(collection, "path")) << "\n";
                   });
  });
}

int run_status(const ControlCommandEnv& env, const OutputOptions& output) {
  return with_control(env, output, [&](ControlApi& api) {
    return present(env, output, call_json(api, "GET", "/v1/capture"), print_capture_status);
  });
}

}  // namespace

void add_capture_command(CLI::App& app, OutputOptions& output, int& exit_code,
                         ControlCommandEnv env) {
  auto shared = std::make_shared<const ControlCommandEnv>(std::move(env));
  auto start_args = std::make_shared<StartArgs>();
  auto option_args = std::make_shared<CaptureFilterArgs>();
  auto* capture = app.add_subcommand("capture", "Capture traffic into sessions and look at them");
  capture->require_subcommand(1);
  auto json_flag = [&output](CLI::App* command) {
    command->add_flag("--json", output.json, "Print the control API's JSON instead of text");
  };

  auto* start = capture->add_subcommand("start", "Start a capture session with these filters");
  start->add_option("--name", start_args->name, "The session's name in the history");
  add_capture_filter_options(*start, start_args->filters);
  json_flag(start);
  start->callback([&, shared, start_args] { exit_code = run_start(*shared, output, *start_args); });

  auto* options = capture->add_subcommand(
      "options", "Change the running session's filters; they apply to new exchanges at once");
  add_capture_filter_options(*options, *option_args);
  json_flag(options);
  options->callback(
      [&, shared, option_args] { exit_code = run_options(*shared, output, *option_args); });

  for (const char* verb : {"pause", "resume", "stop"}) {
    auto* command = capture->add_subcommand(
        verb, std::string(verb) == "pause"    ? "Stop capturing for now; resume continues"
              : std::string(verb) == "resume" ? "Capture again after a pause"
                                              : "End the session; it stays in the history");
    json_flag(command);
    command->callback([&, shared, verb] { exit_code = run_transition(*shared, output, verb); });
  }

  auto* status = capture->add_subcommand("status", "Show the running session, if any");
  json_flag(status);
  status->callback([&, shared] { exit_code = run_status(*shared, output); });

  add_capture_history_commands(*capture, output, exit_code, shared);
}

}  // namespace postern::cli
