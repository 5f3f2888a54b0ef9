#include "cli/context.hpp"

#include "base/environment.hpp"
#include "platform/command_runner.hpp"
#include "platform/privileged.hpp"
#include "platform/trust/stores.hpp"

namespace postern::cli {

base::Result<std::unique_ptr<setup::CaTrust>> make_ca_trust(base::ProgressObserver& progress) {
  auto paths = base::current_app_paths();
  if (!paths) return paths.error();
  // One runner and one privileged runner for the whole process, so "no way to elevate" is
  // discovered (and said) once.
  const auto env = base::process_environment();
  static platform::PrivilegedRunner privileged(platform::system_runner(),
                                               platform::PrivilegeContext::detect(env));
  auto stores = platform::trust::default_stores(env, platform::system_runner(), privileged);
  return std::make_unique<setup::CaTrust>(paths.value(), std::move(stores),
                                          certs::CaOwner::current(), progress);
}

}  // namespace postern::cli
