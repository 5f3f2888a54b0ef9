#include "cli/runtime_command.hpp"

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <ostream>
#include <thread>

#include "cli/runtime_views.hpp"
#include "cli/services.hpp"
#include "runtime/bridge/runtime_probe.hpp"
#include "runtime/control/client/control_call.hpp"
#include "runtime/control/client/control_errc.hpp"
#include "runtime/control/client/json_view.hpp"
#include "runtime/control/client/runtime_status.hpp"

namespace postern::cli {

using control_client::call_json;
using control_client::CallFailure;
using control_client::CallResult;
using control_client::control_errc;
using control_client::exec_runtime;
using control_client::failure_from;
using control_client::flag_at;
using control_client::integer_at;
using control_client::object_at;
using control_client::proxy_addresses;
using control_client::proxy_listening;
using control_client::RuntimeLaunch;
using control_client::stable_code;
using control_client::start_runtime_detached;

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

// Option values of `runtime start`; owned by the callback so they live as long as the app.
struct StartArgs {
  std::optional<std::uint16_t> port;
  bool lan = false;
  bool foreground = false;
};

// GET /v1/status on a fresh connection: the one question every runtime command asks.
CallResult<json> fetch_status(const ControlCommandEnv& control) {
  auto api = control.connect();
  if (!api) return failure_from(api.error());
  return call_json(*api.value(), "GET", "/v1/status");
}

bool not_running(const CallFailure& failure) {
  return failure.code == stable_code(control_errc::not_running);
}

// Asks until `done(answer)` or the env's wait is over; the last answer.
CallResult<json> poll_status(const RuntimeCommandEnv& env,
                             const std::function<bool(const CallResult<json>&)>& done) {
  const auto deadline = Clock::now() + env.wait;
  for (;;) {
    auto answer = fetch_status(env.control);
    if (done(answer) || Clock::now() >= deadline) return answer;
    std::this_thread::sleep_for(env.poll_interval);
  }
}

// A runtime that already runs with other proxy settings than asked for would surprise the user
// later ("why is nothing on port 8080?"): say so now.
std::optional<CallFailure> settings_conflict(const json& status, const StartArgs& args) {
  const json& proxy = object_at(status, "proxy");
  const auto addresses = proxy_addresses(status);
  const std::string where = addresses.empty() ? "no proxy" : "the proxy on " + addresses.front();
  const std::string remedy = "stop it first with `postern runtime stop`";
  if (args.port && integer_at(proxy, "port") != *args.port)
    return CallFailure{"RUNTIME_ALREADY_RUNNING",
                       "postern-runtime is already running with " + where + ", not on port " +
                           std::to_string(*args.port),
                       remedy, 0};
  if (args.lan && !flag_at(proxy, "lan"))
    return CallFailure{
        "RUNTIME_ALREADY_RUNNING",
        "postern-runtime is already running with " + where + ", for this machine only (not --lan)",
        remedy, 0};
  return std::nullopt;
}

// Exit 1 when the runtime runs without its proxy (a taken port): what was asked for is missing.
int show_started(const RuntimeCommandEnv& env, const OutputOptions& output, const json& status,
                 bool was_running) {
  const int shown =
      present(env.control, output, status, [was_running](std::ostream& out, const json& doc) {
        print_runtime_started(out, doc, was_running);
      });
  return shown == 0 && !proxy_listening(status) ? 1 : shown;
}

int run_start(const RuntimeCommandEnv& env, const OutputOptions& output, const StartArgs& args) {
  auto running = fetch_status(env.control);
  if (running) {
    if (auto conflict = settings_conflict(running.value(), args))
      return print_failure(env.control, output, *conflict);
    return show_started(env, output, running.value(), /*was_running=*/true);
  }
  if (!not_running(running.error())) return print_failure(env.control, output, running.error());
  auto paths = env.paths();
  if (!paths) return print_failure(env.control, output, failure_from(paths.error()));
  auto binary = env.binary();
  if (!binary) return print_failure(env.control, output, failure_from(binary.error()));
  const RuntimeLaunch launch{binary.value(), paths.value().runtime, paths.value().config, args.port,
                             args.lan};
  if (args.foreground) return print_failure(env.control, output, failure_from(env.exec(launch)));
  if (auto started = env.start(launch); !started)
    return print_failure(env.control, output, failure_from(started.error()));
  auto status = poll_status(env, [](const CallResult<json>& answer) { return answer.has_value(); });
  if (!status)
    return print_failure(
        env.control, output,
        CallFailure{status.error().code,
                    "postern-runtime started, but its control API did not answer within " +
                        std::to_string(env.wait.count()) + " ms: " + status.error().message,
                    "see its log in " + paths.value().runtime.string(), 0});
  return show_started(env, output, status.value(), /*was_running=*/false);
}

int run_stop(const RuntimeCommandEnv& env, const OutputOptions& output) {
  auto api = env.control.connect();
  CallResult<json> asked = api ? call_json(*api.value(), "POST", "/v1/runtime/stop")
                               : CallResult<json>(failure_from(api.error()));
  if (!asked && not_running(asked.error()))
    return present(env.control, output, json{{"stopping", false}, {"running", false}},
                   [](std::ostream& out, const json&) { out << "the runtime is not running\n"; });
  if (!asked) return print_failure(env.control, output, asked.error());
  auto last = poll_status(env, [](const CallResult<json>& answer) {
    return !answer && answer.error().code == stable_code(control_errc::not_running);
  });
  auto still_running = [&](const std::string& what) {
    return print_failure(env.control, output,
                         CallFailure{"RUNTIME_STILL_RUNNING",
                                     "asked postern-runtime to stop, but " + what + " after " +
                                         std::to_string(env.wait.count()) + " ms",
                                     "end it by the pid that `postern runtime status` shows", 0});
  };
  if (last || !not_running(last.error())) return still_running("it still answers");
  // The control API closes first; the process goes a moment later, once the capture store is
  // flushed. Stopped means gone, so a `runtime start` right after finds the folder free.
  const auto paths = env.paths();
  if (paths && !bridge::wait_for_runtime_exit(paths.value().runtime,
                                              std::chrono::steady_clock::now() + env.wait))
    return still_running("its process has not exited");
  return present(env.control, output, asked.value(),
                 [](std::ostream& out, const json&) { out << "stopped postern-runtime\n"; });
}

int run_status(const RuntimeCommandEnv& env, const OutputOptions& output) {
  return present(env.control, output, fetch_status(env.control), print_runtime_status);
}

}  // namespace

RuntimeCommandEnv default_runtime_env() {
  RuntimeCommandEnv env;
  env.control = default_control_env();
  env.paths = [] { return base::current_app_paths(); };
  env.binary = [] { return locate_runtime_binary(base::process_environment()); };
  env.start = start_runtime_detached;
  env.exec = exec_runtime;
  return env;
}

void add_runtime_command(CLI::App& app, OutputOptions& output, int& exit_code,
                         RuntimeCommandEnv env) {
  auto shared = std::make_shared<RuntimeCommandEnv>(std::move(env));
  auto args = std::make_shared<StartArgs>();
  auto* runtime = app.add_subcommand("runtime", "Start, stop and check postern-runtime");
  runtime->require_subcommand(1);
  auto json_flag = [&output](CLI::App* command) {
    command->add_flag("--json", output.json, "Print the control API's JSON instead of text");
  };

  auto* start = runtime->add_subcommand(
      "start", "Start the runtime in the background (unless it runs) and show the proxy address");
  start->add_option("--port", args->port, "The capture proxy's port (default: the runtime's)")
      ->check(CLI::Range(1, 65535));
  start->add_flag("--lan", args->lan,
                  "Let other devices on the network use the capture proxy (never the API)");
  start->add_flag("--foreground", args->foreground,
                  "Run the runtime in this terminal instead (for service managers)");
  json_flag(start);
  start->callback([&, shared, args] { exit_code = run_start(*shared, output, *args); });

  auto* stop = runtime->add_subcommand("stop", "Stop the runtime and wait until it has gone");
  json_flag(stop);
  stop->callback([&, shared] { exit_code = run_stop(*shared, output); });

  auto* status = runtime->add_subcommand(
      "status", "Show the runtime and its proxy addresses; exit 1 when it is not running");
  json_flag(status);
  status->callback([&, shared] { exit_code = run_status(*shared, output); });
}

}  // namespace postern::cli
