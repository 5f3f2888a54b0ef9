#pragma once
// Shows the engine's progress on a terminal: one line as each step starts. Silent for --json
// and when stderr is not a terminal, so scripts see only the final report.

#include <iosfwd>

#include "base/progress.hpp"

namespace postern::cli {

/// Prints "... <what>  <target>" lines to `out` when enabled.
class ProgressPrinter final : public base::ProgressObserver {
 public:
  ProgressPrinter(std::ostream& out, bool enabled) : out_(out), enabled_(enabled) {}
  void step_started(std::string_view what, std::string_view target) override;
  void detail(std::string_view line) override;

 private:
  std::ostream& out_;
  bool enabled_;
};

/// True when progress lines help: a terminal on stderr and text output.
bool progress_wanted(bool json_output);

}  // namespace postern::cli
