#include "wizard/setup/runtime_step.hpp"

#include "runtime/bridge/runtime_probe.hpp"
#include "runtime/bridge/socket_runtime_link.hpp"

namespace postern::setup {

RuntimeStep::RuntimeStep(base::AppPaths paths, std::filesystem::path binary,
                         std::vector<std::string> arguments)
    : paths_(std::move(paths)), binary_(std::move(binary)), arguments_(std::move(arguments)) {}

std::string RuntimeStep::title() const {
  return "start the runtime";
}

base::Outcome RuntimeStep::check() const {
  const auto socket = bridge::runtime_socket_file(paths_.runtime).string();
  auto probe = bridge::runtime_status(paths_);
  if (probe.running)
    return base::already("runtime", socket, "running (pid " + std::to_string(probe.pid) + ")");
  return base::skipped("runtime", socket, "would start " + binary_.string());
}

base::Outcome RuntimeStep::apply() {
  if (auto checked = check(); checked.status == base::Status::already) return checked;
  bridge::SocketRuntimeLinkOptions options;
  options.runtime_dir = paths_.runtime;
  options.config_dir = paths_.config;
  options.runtime_binary = binary_;
  options.extra_args = arguments_;
  options.client = "cli";
  // The bridge's 1.5 s is Chrome's budget; setup can wait for a runtime that starts slowly on
  // a loaded machine or makes its CA on this first start.
  options.start_timeout = std::chrono::seconds(10);
  bridge::SocketRuntimeLink link(options);
  auto status = link.status();  // connects, starting the runtime when none answers
  const auto socket = bridge::runtime_socket_file(paths_.runtime).string();
  if (!status.connected) {
    return base::failed("runtime", socket, status.code, status.message,
                        "see " + bridge::runtime_log_file(paths_.runtime).string());
  }
  auto probe = bridge::runtime_status(paths_);
  return base::done("runtime", socket,
                    "started postern-runtime (pid " + std::to_string(probe.pid) + ")");
}

base::Outcome RuntimeStep::revert() {
  const auto socket = bridge::runtime_socket_file(paths_.runtime).string();
  if (!bridge::runtime_status(paths_).running)
    return base::already("runtime", socket, "not running");
  auto stopped = bridge::request_runtime_shutdown(paths_.runtime, bridge::kRuntimeStopTimeout);
  if (!stopped) {
    return base::failed("runtime", socket, "RUNTIME_NOT_RESPONDING", stopped.error().message,
                        stopped.error().remedy);
  }
  return base::done("runtime", socket, "stopped the runtime");
}

}  // namespace postern::setup
