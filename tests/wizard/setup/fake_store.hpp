#pragma once
// An in-memory trust store for testing the engine's orchestration (which store, which target,
// what the ledger records). Real stores are tested against real tools in tests/platform and e2e.

#include <map>
#include <set>
#include <string>

#include "platform/trust/trust_store.hpp"

namespace postern::testing {

class FakeStore final : public platform::trust::TrustStore {
 public:
  /// Shared state, so a test can look inside after handing the store to the engine.
  struct State {
    bool present = true;
    bool tool_found = true;
    std::vector<std::string> targets{"db1", "db2"};
    std::map<std::string, std::set<std::string>> trusted;  ///< target -> fingerprints
    std::set<std::string> failing_targets;                 ///< install/uninstall fail here
    int installs = 0;
    int uninstalls = 0;
  };

  FakeStore(std::string name, std::shared_ptr<State> state)
      : name_(std::move(name)), state_(std::move(state)) {}

  std::string_view name() const override { return name_; }
  platform::trust::Probe probe() const override {
    platform::trust::Probe probe;
    probe.present = state_->present;
    probe.tool_found = state_->tool_found;
    probe.tool = "faketool";
    probe.install_hint = "apt-get install faketool";
    probe.targets = state_->targets;
    return probe;
  }
  base::Outcome check(const platform::trust::CaRef& ca, const std::string& target) const override {
    if (state_->trusted[target].count(ca.sha256_hex))
      return base::already(name_, target, "trusted");
    return base::failed(name_, target, "CA_NOT_TRUSTED", "not trusted", "install");
  }
  base::Outcome install(const platform::trust::CaRef& ca, const std::string& target) override {
    ++state_->installs;
    if (state_->failing_targets.count(target))
      return base::failed(name_, target, "COMMAND_FAILED", "scripted failure", "none");
    bool added = state_->trusted[target].insert(ca.sha256_hex).second;
    return added ? base::done(name_, target, "added") : base::already(name_, target, "was there");
  }
  base::Outcome uninstall(const platform::trust::CaRef& ca, const std::string& target) override {
    ++state_->uninstalls;
    if (state_->failing_targets.count(target))
      return base::failed(name_, target, "COMMAND_FAILED", "scripted failure", "none");
    bool removed = state_->trusted[target].erase(ca.sha256_hex) > 0;
    return removed ? base::done(name_, target, "removed")
                   : base::already(name_, target, "not there");
  }

 private:
  std::string name_;
  std::shared_ptr<State> state_;
};

}  // namespace postern::testing
