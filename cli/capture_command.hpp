#pragma once
// `postern capture start | options | pause | resume | stop | status` (the live session) and,
// through capture_history_command.hpp, `list | show | exchange | rename | delete | export |
// cookies-to-jar` (the history), over the control API (docs/control-api.md).

#include "cli/control_command.hpp"

namespace CLI {
class App;
}

namespace postern::cli {

struct OutputOptions;

/// Adds the `capture` command tree to `app`; the chosen command stores its exit code in
/// `exit_code`. `env` is kept by the commands.
void add_capture_command(CLI::App& app, OutputOptions& output, int& exit_code,
                         ControlCommandEnv env);

}  // namespace postern::cli
