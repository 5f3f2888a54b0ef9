#include "cli/progress_printer.hpp"

#include <catch2/catch.hpp>
#include <sstream>

using postern::cli::ProgressPrinter;

TEST_CASE("progress lines name the step and target, and stay silent when disabled",
          "[cli][progress]") {
  std::ostringstream on, off;
  ProgressPrinter shown(on, true), hidden(off, false);
  for (ProgressPrinter* printer : {&shown, &hidden}) {
    printer->step_started("install the CA into nss", "sql:/h/db");
    printer->detail("running certutil");
  }
  CHECK(on.str() == "... install the CA into nss  sql:/h/db\n    running certutil\n");
  CHECK(off.str().empty());
  CHECK_FALSE(postern::cli::progress_wanted(true));  // --json never mixes in progress lines
}
