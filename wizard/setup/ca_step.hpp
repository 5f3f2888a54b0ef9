#pragma once
// Setup's CA step: create the proxy CA if needed and trust it in the chosen stores; revert
// removes every Postern CA the ledger lists from those stores. `--ca-stores none` leaves it out.

#include <string>
#include <vector>

#include "wizard/setup/ca_trust.hpp"
#include "wizard/setup/step.hpp"

namespace postern::setup {

/// The CA as one plan step over a CaTrust engine (which must outlive the step).
class CaStep final : public Step {
 public:
  /// `stores` empty = every store found on this machine.
  CaStep(CaTrust& engine, std::vector<std::string> stores);

  std::string title() const override;
  base::Outcome check() const override;
  base::Outcome apply() override;
  base::Outcome revert() override;

 private:
  CaTrust& engine_;
  std::vector<std::string> stores_;
};

/// Folds several outcomes into one: the worst status wins; the first failure gives code and fix.
base::Outcome summarise(std::string store, std::string target,
                        const std::vector<base::Outcome>& parts);

}  // namespace postern::setup
