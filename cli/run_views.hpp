#pragma once
// How `postern run` reports: a line per request as it finishes (cli reporter), a summary table,
// and the whole run as one JSON document (json reporter).

#include <iosfwd>
#include <nlohmann/json.hpp>

#include "runtime/runner/collection_runner.hpp"

namespace postern::cli {

/// "→ Folder / Name" then "  GET url [200 OK, 1.2 kB, 34 ms]" or "  ✗ error", notes below.
void print_execution(std::ostream& out, const runner::Execution& execution);

/// The totals: requests, failed, not run (scripts), unresolved variables, time and data.
void print_run_summary(std::ostream& out, const runner::RunSummary& summary);

/// {"collection":{"name"},"run":{"stats":{"requests":{"total","failed"}},"executions":[...],
///  "unsupported":[...],"elapsed_ms"}}
nlohmann::json run_json(const runner::RunSummary& summary);

}  // namespace postern::cli
