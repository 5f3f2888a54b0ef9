#pragma once
// `postern oauth2 token get | list | delete | refresh`: OAuth 2.0 tokens got by Postern's own
// requester (runtime/requester/oauth2_flow.hpp) and kept in the token store
// (<data>/oauth2-tokens.json). The runtime need not be running. Secrets come from stdin, never
// from arguments (they would show in `ps` and shell history), and tokens are shown redacted
// unless --show-secrets.

#include <functional>
#include <iosfwd>

#include "base/app_paths.hpp"
#include "base/result.hpp"
#include "runtime/requester/oauth2_flow.hpp"

namespace CLI {
class App;
}

namespace postern::cli {

struct OutputOptions;

/// What the oauth2 commands use; tests swap each part.
struct OAuth2CommandEnv {
  std::function<base::Result<base::AppPaths>()> paths;  ///< where the token store is
  requester::BrowserLauncher open_browser;              ///< empty: the system browser
  std::function<std::int64_t()> clock;                  ///< unix seconds; empty: the system clock
  std::istream* in;                                     ///< --client-secret-stdin, --password-stdin
  std::ostream* out;                                    ///< answers and --json documents
  std::ostream* err;  ///< progress ("opening the browser") and failures
  /// Which proxy the token and authorization endpoints go through; empty: direct.
  std::function<base::Result<requester::ProxyChooser>()> proxy{};
};

/// The real environment: current_app_paths(), the system browser, std::cin/cout/cerr.
OAuth2CommandEnv default_oauth2_env();

/// Adds the `oauth2` command tree to `app`; the chosen command stores its exit code in
/// `exit_code`. `env` is kept by the commands.
void add_oauth2_command(CLI::App& app, OutputOptions& output, int& exit_code, OAuth2CommandEnv env);

/// A token as `list` shows it without --show-secrets: its first characters only.
std::string redact_token(std::string_view token);

}  // namespace postern::cli
