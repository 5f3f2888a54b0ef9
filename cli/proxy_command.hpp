#pragma once
// `postern proxy show | set | explain URL`: the proxy settings for what Postern sends (seed 003;
// docs/settings.md, "proxy"). `show` prints the settings and what the system says, `set` edits
// settings.json's proxy section, `explain` says which proxy a URL would use and why. Everything
// runs in this process on the same code the runtime uses (runtime/requester/proxy_settings.hpp);
// the runtime need not be running.

#include <filesystem>
#include <functional>
#include <iosfwd>

#include "base/app_paths.hpp"
#include "base/environment.hpp"
#include "base/result.hpp"
#include "runtime/requester/proxy_settings.hpp"

namespace CLI {
class App;
}

namespace postern::cli {

struct OutputOptions;

/// What the proxy commands read and where they print; tests swap each part.
struct ProxyCommandEnv {
  std::function<base::Result<base::AppPaths>()> paths;  ///< where settings.json is
  base::Environment env;                                ///< the user's environment
  /// The system proxy's sources for `env` (the desktop read, a PAC engine).
  std::function<requester::SystemProxySources(const base::Environment&)> sources;
  std::istream* in;   ///< passwords (--system-password-stdin, --custom-password-stdin)
  std::ostream* out;  ///< answers and --json documents
  std::ostream* err;  ///< failures
};

/// The real environment: current_app_paths(), the process environment, live_proxy_sources,
/// std::cin, std::cout and std::cerr.
ProxyCommandEnv default_proxy_env();

/// Adds the `proxy` command tree to `app`; the chosen command stores its exit code in
/// `exit_code`. `env` is kept by the commands.
void add_proxy_command(CLI::App& app, OutputOptions& output, int& exit_code, ProxyCommandEnv env);

}  // namespace postern::cli
