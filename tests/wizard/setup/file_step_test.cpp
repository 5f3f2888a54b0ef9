#include "wizard/setup/file_step.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "support/temp_dir.hpp"
#include "wizard/setup/install_ledger.hpp"

using namespace postern;
using postern::testing::TempDir;

namespace {
struct Fixture {
  TempDir dir;
  std::filesystem::path source = dir / "build/postern-bridge";
  std::filesystem::path destination = dir / "data/bin/postern-bridge";
  std::filesystem::path ledger = dir / "config/install-ledger.json";
  Fixture() {
    std::filesystem::create_directories(source.parent_path());
    std::ofstream(source) << "#!/bin/sh\necho bridge\n";
  }
  setup::FileStep step() const {
    return setup::FileStep("the bridge", source, destination, base::FileMode::executable, ledger);
  }
};
}  // namespace

TEST_CASE("the file step installs an executable copy once and records it", "[setup][file-step]") {
  Fixture fx;
  auto step = fx.step();
  CHECK(step.check().status == base::Status::skipped);
  CHECK_FALSE(std::filesystem::exists(fx.destination));
  CHECK(step.apply().status == base::Status::done);
  struct stat st {};
  REQUIRE(::stat(fx.destination.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0755);
  CHECK(step.check().status == base::Status::already);
  CHECK(step.apply().status == base::Status::already);
  std::filesystem::permissions(fx.destination, std::filesystem::perms::owner_read);  // chmod -x
  CHECK(step.check().status == base::Status::skipped);
  CHECK(step.apply().status == base::Status::done);
  REQUIRE(::stat(fx.destination.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0755);
  auto entries = setup::InstallLedger::load(fx.ledger).value().entries_of("file");
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].target == fx.destination.string());
  CHECK(entries[0].sha256 == setup::sha256_hex("#!/bin/sh\necho bridge\n"));
}

TEST_CASE("a newer source replaces the installed copy", "[setup][file-step]") {
  Fixture fx;
  auto step = fx.step();
  REQUIRE(step.apply().ok());
  std::ofstream(fx.source) << "#!/bin/sh\necho v2\n";
  CHECK(step.check().status == base::Status::skipped);
  CHECK(step.apply().status == base::Status::done);
  CHECK(step.revert().status == base::Status::done);  // the ledger follows the new content
  CHECK_FALSE(std::filesystem::exists(fx.destination));
}

TEST_CASE("revert removes only our file; a replaced file is reported and kept",
          "[setup][file-step]") {
  Fixture fx;
  auto step = fx.step();
  REQUIRE(step.apply().ok());
  std::ofstream(fx.destination) << "someone else's program";
  auto reverted = step.revert();
  CHECK(reverted.status == base::Status::failed);
  CHECK(reverted.code == "FOREIGN_FILE");
  CHECK(std::filesystem::exists(fx.destination));

  std::filesystem::remove(fx.destination);
  CHECK(step.revert().status == base::Status::already);
  CHECK(setup::InstallLedger::load(fx.ledger).value().entries().empty());
}

TEST_CASE("a missing source fails with the path", "[setup][file-step]") {
  Fixture fx;
  std::filesystem::remove(fx.source);
  auto outcome = fx.step().apply();
  CHECK(outcome.status == base::Status::failed);
  CHECK(outcome.cause.find(fx.source.string()) != std::string::npos);
}
