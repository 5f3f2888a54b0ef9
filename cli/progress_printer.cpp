#include "cli/progress_printer.hpp"

#include <unistd.h>

#include <ostream>

namespace postern::cli {

void ProgressPrinter::step_started(std::string_view what, std::string_view target) {
  if (!enabled_) return;
  out_ << "... " << what;
  if (!target.empty()) out_ << "  " << target;
  out_ << std::endl;  // flush: the step may take a while (a sudo prompt, a refresh command)
}

void ProgressPrinter::detail(std::string_view line) {
  if (enabled_) out_ << "    " << line << std::endl;
}

bool progress_wanted(bool json_output) {
  return !json_output && ::isatty(STDERR_FILENO) == 1;
}

}  // namespace postern::cli
