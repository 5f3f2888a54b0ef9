#pragma once
// `postern cookies list | add | delete | clear | export | import`: the runtime's cookie jar over
// the control API (docs/control-api.md), with Netscape cookies.txt files in and out.

#include "cli/control_command.hpp"

namespace CLI {
class App;
}

namespace postern::cli {

struct OutputOptions;

/// The largest cookies.txt `import` sends: the control API's request body limit.
inline constexpr std::size_t kMaxCookieImport = 1024 * 1024;

/// Adds the `cookies` command tree to `app`; the chosen command stores its exit code in
/// `exit_code`. `env` is kept by the commands.
void add_cookies_command(CLI::App& app, OutputOptions& output, int& exit_code,
                         ControlCommandEnv env);

}  // namespace postern::cli
