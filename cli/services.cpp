#include "cli/services.hpp"

#include "platform/command_runner.hpp"
#include "platform/executable_path.hpp"
#include "platform/privileged.hpp"
#include "platform/trust/stores.hpp"

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

base::Result<fs::path> locate_bridge_binary(const base::Environment& env) {
  const std::string name =
      base::current_os() == base::Os::Windows ? "postern-bridge.exe" : "postern-bridge";
  std::vector<fs::path> candidates;
  if (auto given = env("POSTERN_BRIDGE_BINARY")) candidates.emplace_back(*given);
  if (auto self = platform::current_executable()) {
    candidates.push_back(self->parent_path() / name);
    candidates.push_back(self->parent_path().parent_path() / "runtime" / "bridge" / name);
  }
  std::string tried;
  for (const auto& candidate : candidates) {
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec)) return fs::absolute(candidate);
    tried += (tried.empty() ? "" : ", ") + candidate.string();
  }
  return base::Error{std::make_error_code(std::errc::no_such_file_or_directory),
                     "cannot find postern-bridge (looked at " + tried + ")",
                     "build it (scripts/build.sh) or set POSTERN_BRIDGE_BINARY=<path>"};
}

}  // namespace postern::cli
