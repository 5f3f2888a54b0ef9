#include "runtime/control/client/runtime_launcher.hpp"

namespace postern::control_client {

std::vector<std::string> runtime_arguments(const RuntimeLaunch& launch) {
  std::vector<std::string> arguments{"--runtime-dir", launch.runtime_dir.string(), "--config-dir",
                                     launch.config_dir.string()};
  if (launch.port) {
    arguments.emplace_back("--port");
    arguments.push_back(std::to_string(*launch.port));
  }
  if (launch.lan) arguments.emplace_back("--lan");
  return arguments;
}

}  // namespace postern::control_client
