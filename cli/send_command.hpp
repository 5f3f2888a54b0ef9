#pragma once
// `postern send [METHOD] URL ...`: one request through the requester, with any auth type.

#include <CLI/CLI.hpp>

#include "cli/report.hpp"

namespace postern::cli {

void add_send_command(CLI::App& app, OutputOptions& output, int& exit_code);

}  // namespace postern::cli
