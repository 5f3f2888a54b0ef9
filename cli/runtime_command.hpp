#pragma once
// `postern runtime start [--port N] [--lan] [--foreground] | stop | status`, over the control
// API (docs/control-api.md) and the shared start path
// (runtime/control/client/runtime_launcher.hpp).

#include <chrono>
#include <filesystem>
#include <functional>

#include "base/app_paths.hpp"
#include "base/result.hpp"
#include "cli/control_command.hpp"
#include "runtime/control/client/runtime_launcher.hpp"

namespace CLI {
class App;
}

namespace postern::cli {

struct OutputOptions;

/// What `postern runtime` needs besides the control API; tests replace every part.
struct RuntimeCommandEnv {
  ControlCommandEnv control;                                    ///< reaching the API, printing
  std::function<base::Result<base::AppPaths>()> paths;          ///< this user's folders
  std::function<base::Result<std::filesystem::path>()> binary;  ///< postern-runtime to start
  std::function<base::Status_or_error(const control_client::RuntimeLaunch&)>
      start;  ///< detached start
  std::function<base::Error(const control_client::RuntimeLaunch&)>
      exec;  ///< foreground; returns on failure
  std::chrono::milliseconds wait = control_client::kRuntimeWait;  ///< start and stop bound
  std::chrono::milliseconds poll_interval =
      control_client::kRuntimePollInterval;  ///< between looks
};

/// The real environment: current_app_paths(), locate_runtime_binary(), the launcher functions.
RuntimeCommandEnv default_runtime_env();

/// Adds the `runtime` command tree to `app`; the chosen command stores its exit code in
/// `exit_code`. `env` is kept by the commands.
void add_runtime_command(CLI::App& app, OutputOptions& output, int& exit_code,
                         RuntimeCommandEnv env);

}  // namespace postern::cli
