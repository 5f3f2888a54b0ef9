#include "wizard/setup/created_dirs.hpp"

#include <catch2/catch.hpp>
#include <fstream>

#include "support/temp_dir.hpp"

using namespace postern;
using postern::testing::TempDir;

TEST_CASE("missing folders are listed deepest first and recorded once they exist",
          "[setup][dirs]") {
  TempDir dir;
  const auto deep = dir / "a/b/c";
  auto missing = setup::missing_directories(deep);
  REQUIRE(missing == std::vector<std::filesystem::path>{dir / "a/b/c", dir / "a/b", dir / "a"});
  std::filesystem::create_directories(dir / "a/b");  // only part of it gets made
  auto ledger = setup::InstallLedger::load(dir / "l.json").value();
  setup::record_created_directories(ledger, missing);
  auto entries = ledger.entries_of(setup::kDirectoryEntry);
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].target == (dir / "a/b").string());
  CHECK(setup::missing_directories(dir.path()).empty());
}

TEST_CASE("a created folder is removed only while empty", "[setup][dirs]") {
  TempDir dir;
  std::filesystem::create_directories(dir / "made");
  setup::LedgerEntry entry{"directory", "postern", (dir / "made").string(), "", "", "", ""};
  std::ofstream(dir / "made/theirs") << "x";
  CHECK(setup::remove_directory_if_empty(entry).status == base::Status::already);
  CHECK(std::filesystem::exists(dir / "made/theirs"));
  std::filesystem::remove(dir / "made/theirs");
  CHECK(setup::remove_directory_if_empty(entry).status == base::Status::done);
  CHECK_FALSE(std::filesystem::exists(dir / "made"));
  CHECK(setup::remove_directory_if_empty(entry).status == base::Status::already);
}
