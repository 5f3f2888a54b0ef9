#pragma once
// Runs `postern` commands in-process for tests: a CLI::App with the commands under test, a fake
// control API that records requests and answers from canned JSON (the client library's, with a
// connector), and string streams for what the command prints. Parse errors map to exit 2 as in
// cli/main.cpp.

#include <CLI/CLI.hpp>
#include <deque>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/control_command.hpp"
#include "cli/report.hpp"
#include "runtime/control/client/control_errc.hpp"
#include "runtime/control/client/fake_control_api.hpp"

namespace postern::testing {

/// The fake control API, with a connector for the commands: each connect succeeds or finds no
/// runtime, as `connects` says.
class FakeRuntime : public FakeControlApi {
 public:
  /// Whether each next connect succeeds (true) or finds no runtime (false); empty: succeeds.
  std::deque<bool> connects;
  /// Connect attempts so far.
  int connect_attempts = 0;

  /// A connector handing out APIs that forward here.
  cli::ControlConnector connector() {
    return [this]() -> base::Result<std::unique_ptr<control_client::ControlApi>> {
      ++connect_attempts;
      bool ok = true;
      if (!connects.empty()) {
        ok = connects.front();
        connects.pop_front();
      }
      if (!ok)
        return base::Error{make_error_code(control_client::control_errc::not_running),
                           "the runtime is not running (there is no control.json)",
                           "start it with `postern runtime start`"};
      return api();
    };
  }
};

/// One run of commands added by `add` with `args` (without the program name).
class CliHarness {
 public:
  FakeRuntime api;
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
