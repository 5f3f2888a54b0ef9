#pragma once
// `postern doctor [--json] [--fix]`.

namespace CLI {
class App;
}

namespace postern::cli {

struct OutputOptions;

/// Adds doctor to `app`; its exit code is 0 only when the verdict is Connected.
void add_doctor_command(CLI::App& app, OutputOptions& output, int& exit_code);

}  // namespace postern::cli
