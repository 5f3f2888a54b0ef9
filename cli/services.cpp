#include "cli/services.hpp"

#include "platform/command_runner.hpp"
#include "platform/executable_path.hpp"
#include "platform/privileged.hpp"
#include "platform/trust/stores.hpp"
#include "wizard/setup/engine.hpp"

namespace postern::cli {

namespace fs = std::filesystem;

namespace {

// One privileged runner for the process, so "no way to gain root" is found (and said) once.
platform::PrivilegedRunner& privileged_runner(const base::Environment& env) {
  static platform::PrivilegedRunner runner(platform::system_runner(),
                                           platform::PrivilegeContext::detect(env));
  return runner;
}

}  // namespace

base::Result<Services> make_services(base::ProgressObserver& progress) {
  auto paths = base::current_app_paths();
  if (!paths) return paths.error();
  Services services{paths.value(), base::process_environment(), nullptr, nullptr};
  auto& privileged = privileged_runner(services.env);
  auto stores =
      platform::trust::default_stores(services.env, platform::system_runner(), privileged);
  services.ca_trust = std::make_unique<setup::CaTrust>(services.paths, std::move(stores),
                                                       certs::CaOwner::current(), progress);
  services.registrar = registry::make_os_registrar(privileged);
  return services;
}

base::Result<fs::path> locate_binary(const base::Environment& env, const std::string& name,
                                     const std::string& env_var, const std::string& build_dir) {
  // The same search as the wizard's: the variable, beside this program, the build tree.
  return setup::locate_shipped_binary(env, platform::current_executable(), name, env_var,
                                      build_dir);
}

base::Result<fs::path> locate_bridge_binary(const base::Environment& env) {
  return locate_binary(env, "postern-bridge", "POSTERN_BRIDGE_BINARY", "runtime/bridge");
}

base::Result<fs::path> locate_runtime_binary(const base::Environment& env) {
  return locate_binary(env, "postern-runtime", "POSTERN_RUNTIME_BINARY", "runtime/daemon");
}

}  // namespace postern::cli
