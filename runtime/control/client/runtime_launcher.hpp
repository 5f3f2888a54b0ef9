#pragma once
// Starting postern-runtime for `postern runtime start` and the wizard. Detached, it goes through
// the same start path the bridge and `postern setup` use (bridge::SocketRuntimeLink: own session,
// stdio into `<runtime>/postern-runtime.log`, bounded wait for its socket), so every front end
// starts it alike. In the foreground this process becomes the runtime (exec), for terminals and
// service managers.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"

namespace postern::control_client {

/// How long a start waits for the runtime to answer, and a stop for it to go: a loaded machine,
/// or a first start that makes the CA, takes longer than the bridge's 1.5 s budget for Chrome.
inline constexpr std::chrono::milliseconds kRuntimeWait{5000};
/// Pause between two looks while waiting.
inline constexpr std::chrono::milliseconds kRuntimePollInterval{50};

/// Which runtime to start, for which folders, with which proxy settings.
struct RuntimeLaunch {
  std::filesystem::path binary;       ///< postern-runtime to run
  std::filesystem::path runtime_dir;  ///< `<runtime>`: control.json, socket, pid and log files
  std::filesystem::path config_dir;   ///< `<config>`: settings.json and the proxy CA
  std::optional<std::uint16_t> port;  ///< the capture proxy's port; the runtime's default if none
  bool lan = false;                   ///< let the capture proxy listen beyond loopback
};

/// The runtime's arguments after its name: `--runtime-dir D --config-dir D [--port N] [--lan]`.
/// The folders are explicit so the runtime serves where this postern looks.
std::vector<std::string> runtime_arguments(const RuntimeLaunch& launch);

/// Starts the runtime detached and waits until its socket answers (up to kRuntimeWait).
/// Success also when one was already running.
base::Status_or_error start_runtime_detached(const RuntimeLaunch& launch);

/// Replaces this process with the runtime, in the foreground; returns only when that failed.
base::Error exec_runtime(const RuntimeLaunch& launch);

}  // namespace postern::control_client
