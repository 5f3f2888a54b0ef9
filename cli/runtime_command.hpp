#pragma once
// `postern runtime start [--port N] [--lan] [--foreground] | stop | status`, over the control
// API (docs/control-api.md) and the shared start path (cli/runtime_launcher.hpp).

#include <chrono>
#include <filesystem>
#include <functional>

#include "base/app_paths.hpp"
#include "base/result.hpp"
#include "cli/control_command.hpp"
#include "cli/runtime_launcher.hpp"

namespace CLI {
class App;
}

namespace postern::cli {

struct OutputOptions;

/// How long `start` waits for the control API to answer, and `stop` for the runtime to go.
inline constexpr std::chrono::milliseconds kRuntimeWait{5000};
/// Pause between two looks while waiting.
inline constexpr std::chrono::milliseconds kRuntimePollInterval{50};

/// What `postern runtime` needs besides the control API; tests replace every part.
struct RuntimeCommandEnv {
  ControlCommandEnv control;                                         ///< reaching the API, printing
  std::function<base::Result<base::AppPaths>()> paths;               ///< this user's folders
  std::function<base::Result<std::filesystem::path>()> binary;       ///< postern-runtime to start
  std::function<base::Status_or_error(const RuntimeLaunch&)> start;  ///< detached start
  std::function<base::Error(const RuntimeLaunch&)> exec;  ///< foreground; returns on failure
  std::chrono::milliseconds wait = kRuntimeWait;          ///< start and stop bound
  std::chrono::milliseconds poll_interval = kRuntimePollInterval;  ///< between looks
};

/// The real environment: current_app_paths(), locate_runtime_binary(), the launcher functions.
RuntimeCommandEnv default_runtime_env();

/// Adds the `runtime` command tree to `app`; the chosen command stores its exit code in
/// `exit_code`. `env` is kept by the commands.
void add_runtime_command(CLI::App& app, OutputOptions& output, int& exit_code,
                         RuntimeCommandEnv env);

}  // namespace postern::cli
