#pragma once
// `postern run COLLECTION.json ...`: runs a Postman collection like newman.

#include <CLI/CLI.hpp>

#include "cli/report.hpp"

namespace postern::cli {

void add_run_command(CLI::App& app, OutputOptions& output, int& exit_code);

}  // namespace postern::cli
