// macOS's proxy settings, from `scutil --proxy` (the dictionary System Settings > Network >
// Proxies writes for the primary service). Credentials stay in the keychain: the system proxy's
// credentials come from settings.json's proxy.system.auth instead.
#include "platform/desktop_proxy.hpp"
#include "platform/scutil_proxy.hpp"

namespace postern::platform {

DesktopProxy read_desktop_proxy(const base::Environment&, CommandRunner& runner) {
  DesktopProxy proxy;
  proxy.source = kScutilProxySource;
  Command command;
  command.argv = {"scutil", "--proxy"};
  command.timeout = std::chrono::seconds(10);
  const CommandResult result = runner.run(command);
  if (!result.succeeded()) {
    proxy.problem = "`scutil --proxy` failed (exit " + std::to_string(result.exit_code) + ")";
    return proxy;
  }
  return parse_scutil_proxy(result.output);
}

}  // namespace postern::platform
