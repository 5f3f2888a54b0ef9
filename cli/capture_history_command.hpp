#pragma once
// The history half of `postern capture`: list, show, exchange, rename, delete, export and
// cookies-to-jar, each one or two control-API calls and a view (cli/capture_views.hpp).

#include <memory>

#include "cli/control_command.hpp"

namespace CLI {
class App;
}

namespace postern::cli {

struct OutputOptions;

/// Adds the history commands under `capture`; each stores its exit code in `exit_code`.
void add_capture_history_commands(CLI::App& capture, OutputOptions& output, int& exit_code,
                                  std::shared_ptr<const ControlCommandEnv> env);

}  // namespace postern::cli
