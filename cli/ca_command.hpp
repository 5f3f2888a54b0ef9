#pragma once
// `postern ca init | show | export | install | uninstall | status | regenerate`.

namespace CLI {
class App;
}

namespace postern::cli {

struct OutputOptions;

/// Adds the `ca` command tree to `app`; the chosen command stores its exit code in `exit_code`.
void add_ca_command(CLI::App& app, OutputOptions& output, int& exit_code);

}  // namespace postern::cli
