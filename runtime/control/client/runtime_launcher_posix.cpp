#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>

#include "runtime/bridge/runtime_probe.hpp"
#include "runtime/bridge/socket_runtime_link.hpp"
#include "runtime/control/client/control_errc.hpp"
#include "runtime/control/client/runtime_launcher.hpp"

namespace postern::control_client {

base::Status_or_error start_runtime_detached(const RuntimeLaunch& launch) {
  bridge::SocketRuntimeLinkOptions options;
  // The folders go in through the options; the rest (--port, --lan) as extra arguments.
  const std::vector<std::string> arguments = runtime_arguments(launch);
  options.extra_args.assign(arguments.begin() + 4, arguments.end());
  options.runtime_dir = launch.runtime_dir;
  options.config_dir = launch.config_dir;
  options.runtime_binary = launch.binary;
  // The runtime's socket knows two kinds of client, the bridge and local front ends ("cli").
  options.client = "cli";
  // The bridge's 1.5 s budget is Chrome's; someone at a terminal or a window can wait longer.
  options.start_timeout = kRuntimeWait;
  bridge::SocketRuntimeLink link(options);
  const bridge::RuntimeStatus status = link.status();  // starts it when none answers (bounded)
  if (!status.connected)
    return base::Error{make_error_code(control_errc::not_running), status.message,
                       "its log is " + bridge::runtime_log_file(launch.runtime_dir).string()};
  return base::Ok{};
}

base::Error exec_runtime(const RuntimeLaunch& launch) {
  std::vector<std::string> arguments = runtime_arguments(launch);
  arguments.insert(arguments.begin(), launch.binary.string());
  std::vector<char*> argv;
  for (auto& argument : arguments)
    argv.push_back(argument.data());
  argv.push_back(nullptr);
  // Whatever this process printed must reach the terminal before the runtime takes it over.
  std::cout.flush();
  std::cerr.flush();
  ::execv(launch.binary.c_str(), argv.data());
  const int failure = errno;
  return base::Error{std::error_code(failure, std::generic_category()),
                     "cannot run " + launch.binary.string() + ": " + std::strerror(failure),
                     "build it (scripts/build.sh) or set POSTERN_RUNTIME_BINARY=<path>"};
}

}  // namespace postern::control_client
