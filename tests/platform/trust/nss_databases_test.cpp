// NSS database discovery from HOME / XDG_DATA_HOME, with a temp HOME (recipe chromium-e2e §1, §4).
#include <catch2/catch.hpp>

#include <fstream>

#include "base/codes.hpp"
#include "platform/trust/nss_databases.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using namespace postern::platform::trust;
namespace fs = std::filesystem;

namespace {

void make_db(const fs::path& dir) {
  fs::create_directories(dir);
  std::ofstream(dir / "cert9.db") << "";
}

base::Environment home_env(const testing::TempDir& home,
                           std::map<std::string, std::string> extra = {}) {
  extra["HOME"] = home.path().string();
  return base::fixed_environment(std::move(extra));
}

}  // namespace

TEST_CASE("with no NSS folders, Chromium's XDG database is the one to create", "[nss]") {
  testing::TempDir home;
  auto found = discover_nss_databases(home_env(home), base::Os::Linux);
  REQUIRE(found.databases.size() == 1);
  const auto& db = found.databases[0];
  CHECK(db.dir == home / ".local/share/pki/nssdb");
  CHECK(db.target() == "sql:" + (home / ".local/share/pki/nssdb").string());
  CHECK(db.browser == "Chromium");
  CHECK_FALSE(db.initialised);
  CHECK(db.initialisable);
  CHECK(found.problems.empty());
}

TEST_CASE("an existing ~/.pki/nssdb wins over the XDG database, even empty", "[nss]") {
  testing::TempDir home;
  make_db(home / ".local/share/pki/nssdb");
  SECTION("empty legacy folder: Chromium initialises and uses it") {
    fs::create_directories(home / ".pki/nssdb");
    auto found = discover_nss_databases(home_env(home), base::Os::Linux);
    REQUIRE(found.databases.size() == 1);
    CHECK(found.databases[0].dir == home / ".pki/nssdb");
    CHECK_FALSE(found.databases[0].initialised);
    CHECK(found.databases[0].initialisable);
  }
  SECTION("initialised legacy database") {
    make_db(home / ".pki/nssdb");
    auto found = discover_nss_databases(home_env(home), base::Os::Linux);
    REQUIRE(found.databases.size() == 1);
    CHECK(found.databases[0].dir == home / ".pki/nssdb");
    CHECK(found.databases[0].initialised);
  }
  SECTION("~/.pki without nssdb does not count") {
    fs::create_directories(home / ".pki");
    auto found = discover_nss_databases(home_env(home), base::Os::Linux);
    REQUIRE(found.databases.size() == 1);
    CHECK(found.databases[0].dir == home / ".local/share/pki/nssdb");
    CHECK(found.databases[0].initialised);
  }
}

TEST_CASE("XDG_DATA_HOME moves Chromium's database; a relative value is ignored", "[nss]") {
  testing::TempDir home, data;
  auto absolute = discover_nss_databases(home_env(home, {{"XDG_DATA_HOME", data.path().string()}}),
                                         base::Os::Linux);
  REQUIRE(absolute.databases.size() == 1);
  CHECK(absolute.databases[0].dir == data / "pki/nssdb");
  auto relative =
      discover_nss_databases(home_env(home, {{"XDG_DATA_HOME", "rel/data"}}), base::Os::Linux);
  REQUIRE(relative.databases.size() == 1);
  CHECK(relative.databases[0].dir == home / ".local/share/pki/nssdb");
}

TEST_CASE("Firefox profiles: with cert9.db a target, without one a problem", "[nss]") {
  testing::TempDir home;
  make_db(home / ".mozilla/firefox/ab12cd34.default-release");
  fs::create_directories(home / ".mozilla/firefox/zz99yy88.fresh");
  fs::create_directories(home / ".mozilla/firefox/Crash Reports");
  make_db(home / "snap/firefox/common/.mozilla/firefox/snap1234.default");
  make_db(home / ".var/app/org.mozilla.firefox/.mozilla/firefox/flat5678.default");
  make_db(home / "snap/chromium/current/.pki/nssdb");
  auto found = discover_nss_databases(home_env(home), base::Os::Linux);
  std::vector<std::string> targets;
  for (const auto& db : found.databases)
    targets.push_back(db.browser + " " + db.dir.string());
  CHECK(targets ==
        std::vector<std::string>{
            "Chromium " + (home / ".local/share/pki/nssdb").string(),
            "Chromium (snap) " + (home / "snap/chromium/current/.pki/nssdb").string(),
            "Firefox " + (home / ".mozilla/firefox/ab12cd34.default-release").string(),
            "Firefox (snap) " +
                (home / "snap/firefox/common/.mozilla/firefox/snap1234.default").string(),
            "Firefox (Flatpak) " +
                (home / ".var/app/org.mozilla.firefox/.mozilla/firefox/flat5678.default").string(),
        });
  REQUIRE(found.problems.size() == 1);
  const auto& problem = found.problems[0];
  CHECK(problem.code == base::codes::nss_db_not_initialised);
  CHECK(problem.target == "sql:" + (home / ".mozilla/firefox/zz99yy88.fresh").string());
  CHECK(problem.remedy ==
        "start Firefox once with this profile, then run `postern ca install --store nss`");
  CHECK(problem.store == "nss");
}

TEST_CASE("macOS has no Chromium NSS database, only Firefox profiles", "[nss]") {
  testing::TempDir home;
  make_db(home / "Library/Application Support/Firefox/Profiles/abc.default");
  auto found = discover_nss_databases(home_env(home), base::Os::MacOS);
  REQUIRE(found.databases.size() == 1);
  CHECK(found.databases[0].browser == "Firefox");
  CHECK_FALSE(found.databases[0].initialisable);
}

TEST_CASE("without HOME nothing is found", "[nss]") {
  auto found = discover_nss_databases(base::fixed_environment({}), base::Os::Linux);
  CHECK(found.databases.empty());
  CHECK(found.problems.empty());
}

TEST_CASE("sql: targets name their folder", "[nss]") {
  CHECK(nss_target_dir("sql:/home/u/.pki/nssdb") == fs::path("/home/u/.pki/nssdb"));
  CHECK_FALSE(nss_target_dir("/home/u/.pki/nssdb"));
  CHECK_FALSE(nss_target_dir("sql:"));
  CHECK_FALSE(nss_target_dir("dbm:/x"));
}
