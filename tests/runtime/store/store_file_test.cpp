#include "runtime/store/store_file.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <random>

#include "runtime/store/errc.hpp"
#include "runtime/store/schema.hpp"
#include "support/file_text.hpp"
#include "support/temp_dir.hpp"

using namespace postern::store;
using postern::testing::TempDir;
namespace fs = std::filesystem;

namespace {}  // namespace

TEST_CASE("the store file is <data>/capture.db", "[store_file]") {
  postern::base::AppPaths paths{"/c", "/d", "/r"};
  CHECK(capture_database_file(paths) == fs::path("/d/capture.db"));
}

TEST_CASE("a new store is created owner-only, in WAL mode, at the latest version", "[store_file]") {
  TempDir dir;
  const auto file = dir / "data" / "capture.db";
  auto db = open_capture_database(file);
  REQUIRE(db);
  CHECK(schema_version(db.value()).value() == latest_schema_version());
  CHECK((fs::status(file).permissions() & (fs::perms::group_all | fs::perms::others_all)) ==
        fs::perms::none);
  CHECK((fs::status(file.parent_path()).permissions() &
         (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none);
  auto other = open_capture_connection(file);
  REQUIRE(other);
  auto mode = other.value().prepare("PRAGMA journal_mode");
  REQUIRE(mode.value().step().value());
  CHECK(mode.value().bytes_at(0) == "wal");
  CHECK(other.value().query_int("PRAGMA synchronous").value() == 1);  // NORMAL
  CHECK(other.value().query_int("PRAGMA foreign_keys").value() == 1);
  REQUIRE(other.value().exec("CREATE TEMP TABLE x (y)"));  // the WAL files exist now
  CHECK((fs::status(fs::path(file.string() + "-wal")).permissions() & fs::perms::others_all) ==
        fs::perms::none);
}

TEST_CASE("a new store has 16 KiB pages; an existing one keeps the size it was made with",
          "[store_file]") {
  TempDir dir;
  const auto fresh = dir / "fresh.db";
  REQUIRE(open_capture_database(fresh));
  auto reopened = open_capture_database(fresh);
  REQUIRE(reopened);
  CHECK(reopened.value().query_int("PRAGMA page_size").value() == 16384);

  const auto older = dir / "older.db";  // as Postern made it before 16 KiB pages
  {
    auto made = Database::open(older, OpenMode::read_write);
    REQUIRE(made);
    REQUIRE(made.value().exec("PRAGMA page_size = 4096; PRAGMA journal_mode = WAL;"));
    REQUIRE(migrate(made.value()));
  }
  auto opened = open_capture_database(older);
  REQUIRE(opened);
  CHECK(opened.value().query_int("PRAGMA page_size").value() == 4096);
  CHECK(schema_version(opened.value()).value() == latest_schema_version());
}

TEST_CASE("an existing store wider than 0600 is narrowed", "[store_file]") {
  TempDir dir;
  const auto file = dir / "capture.db";
  REQUIRE(open_capture_database(file));
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::others_read);
  REQUIRE(open_capture_database(file));
  CHECK((fs::status(file).permissions() & fs::perms::others_all) == fs::perms::none);
}

TEST_CASE("a file of random bytes is reported, named, and left in place", "[store_file]") {
  TempDir dir;
  const auto file = dir / "capture.db";
  std::mt19937 random(1234);
  std::string junk(16384, '\0');
  for (auto& c : junk)
    c = static_cast<char>(random());
  std::ofstream(file, std::ios::binary) << junk;

  auto db = open_capture_database(file);
  REQUIRE_FALSE(db);
  CHECK(db.error().code == errc::not_a_database);
  CHECK(db.error().message.find(file.string()) != std::string::npos);
  CHECK(db.error().remedy.find("never deletes") != std::string::npos);
  CHECK(postern::testing::file_text(file) == junk);
  CHECK_FALSE(fs::exists(file.string() + "-wal"));
}

TEST_CASE("a store from a newer Postern is refused and not modified", "[store_file]") {
  TempDir dir;
  const auto file = dir / "capture.db";
  {
    auto db = open_capture_database(file);
    REQUIRE(db);
    REQUIRE(db.value().exec("PRAGMA user_version = 42"));
  }  // the last connection checkpoints the WAL into the file and removes it
  const auto before = postern::testing::file_text(file);
  const auto written = fs::last_write_time(file);

  auto db = open_capture_database(file);
  REQUIRE_FALSE(db);
  CHECK(db.error().code == errc::newer_schema);
  CHECK(db.error().message.find(file.string()) != std::string::npos);
  CHECK(db.error().message.find("42") != std::string::npos);
  CHECK(postern::testing::file_text(file) == before);
  CHECK(fs::last_write_time(file) == written);
}

TEST_CASE("a folder that cannot be created is reported", "[store_file]") {
  TempDir dir;
  std::ofstream(dir / "blocker") << "a file where a folder should be";
  auto db = open_capture_database(dir / "blocker" / "capture.db");
  REQUIRE_FALSE(db);
  CHECK(db.error().code == errc::cannot_open);
  CHECK(db.error().message.find("blocker") != std::string::npos);
}
