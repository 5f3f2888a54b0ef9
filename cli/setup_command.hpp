#pragma once
// `postern setup`, `postern reset` and `postern set-key`.

namespace CLI {
class App;
}

namespace postern::cli {

struct OutputOptions;

/// Adds setup, reset and set-key to `app`; the chosen command stores its exit code.
void add_setup_commands(CLI::App& app, OutputOptions& output, int& exit_code);

}  // namespace postern::cli
