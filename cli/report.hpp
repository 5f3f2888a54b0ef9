#pragma once
// How the CLI shows outcomes: aligned lines for people, one JSON document with --json.
// Exit codes: 0 success, 1 a step failed, 2 usage error (set in main).

#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/outcome.hpp"
#include "base/result.hpp"

namespace postern::cli {

/// Exit codes every command uses.
enum ExitCode { kSuccess = 0, kFailure = 1, kUsage = 2 };

/// Output settings shared by all commands.
struct OutputOptions {
  bool json = false;  ///< print one JSON document instead of lines
};

/// Prints outcomes (lines or {"ok","outcomes":[...]} plus `extra` fields) and returns the exit
/// code.
int report(std::ostream& out, const OutputOptions& options,
           const std::vector<base::Outcome>& outcomes,
           nlohmann::json extra = nlohmann::json::object());

/// Prints a library Error as a sentence (or {"ok":false,"error":{...}}) and returns kFailure.
int report_error(std::ostream& out, const OutputOptions& options, const base::Error& error);

/// One outcome as the lines a person reads.
std::string describe(const base::Outcome& outcome);

}  // namespace postern::cli
