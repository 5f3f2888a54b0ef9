#pragma once
// One install step: check / apply / revert, each returning an Outcome. Steps are idempotent:
// apply() after a successful apply() is "already", revert() of something absent is "already",
// so an interrupted setup is completed by running it again and reset always finishes.

#include <string>

#include "base/outcome.hpp"

namespace postern::setup {

/// A unit of install work the plan runs in order.
class Step {
 public:
  virtual ~Step() = default;
  /// Short imperative description ("install the bridge binary").
  virtual std::string title() const = 0;
  /// What apply() would do: already = nothing to do; skipped = would do something (dry run);
  /// failed = cannot be done (with the code and remedy). Never changes anything.
  virtual base::Outcome check() const = 0;
  /// Does the work and records it in the ledger; already when check() says so.
  virtual base::Outcome apply() = 0;
  /// Undoes exactly what the ledger says this step did; "not there" is already.
  virtual base::Outcome revert() = 0;
};

}  // namespace postern::setup
