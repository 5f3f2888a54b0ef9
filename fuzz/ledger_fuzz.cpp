// Fuzz target: InstallLedger::parse on arbitrary bytes must return a ledger or an error, never
// crash; a ledger it accepts must survive serialise -> parse unchanged.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "wizard/setup/install_ledger.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using postern::setup::InstallLedger;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto ledger = InstallLedger::parse(text, "fuzz.json");
  if (!ledger) return 0;
  auto again = InstallLedger::parse(ledger.value().serialise(), "fuzz.json");
  if (!again || again.value().entries().size() != ledger.value().entries().size()) std::abort();
  return 0;
}
