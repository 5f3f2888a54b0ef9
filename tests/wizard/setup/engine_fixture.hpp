#pragma once
// A CaTrust engine over two fake stores ("alpha", "beta") in a temporary POSTERN_HOME.

#include "fake_store.hpp"
#include "support/temp_dir.hpp"
#include "wizard/setup/ca_trust.hpp"

namespace postern::testing {

struct EngineFixture {
  TempDir dir;
  base::AppPaths paths{dir / "config", dir / "data", dir / "run"};
  std::shared_ptr<FakeStore::State> alpha = std::make_shared<FakeStore::State>();
  std::shared_ptr<FakeStore::State> beta = std::make_shared<FakeStore::State>();

  std::unique_ptr<setup::CaTrust> engine() {
    setup::StoreList stores;
    stores.push_back(std::make_unique<FakeStore>("alpha", alpha));
    stores.push_back(std::make_unique<FakeStore>("beta", beta));
    return std::make_unique<setup::CaTrust>(paths, std::move(stores),
                                            certs::CaOwner{"tester", "box"});
  }

  setup::InstallLedger ledger() const {
    return setup::InstallLedger::load(paths.ledger_file()).value();
  }
};

}  // namespace postern::testing
