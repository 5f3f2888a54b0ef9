// NssStore: probe and error paths with a fake runner, and the full install/check/uninstall cycle
// with the real certutil against databases under a temp HOME (never the real one).
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>

#include "base/codes.hpp"
#include "certs/cert_store.hpp"
#include "platform/fake_runner.hpp"
#include "platform/test_ca.hpp"
#include "platform/trust/nss_store.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using namespace postern::platform::trust;
namespace fs = std::filesystem;
using testing::FakeRunner;

namespace {

base::Environment home_env(const testing::TempDir& home) {
  return base::fixed_environment({{"HOME", home.path().string()}});
}

platform::CommandResult certutil(std::vector<std::string> args, std::string input = "") {
  platform::Command command;
  command.argv = {"certutil"};
  command.argv.insert(command.argv.end(), args.begin(), args.end());
  if (!input.empty()) command.stdin_data = input;
  return platform::system_runner().run(command);
}

std::string trust_of(const std::string& db, const std::string& nickname) {
  auto listed = certutil({"-L", "-d", db});
  for (const auto& entry : parse_certutil_list(listed.output)) {
    if (entry.nickname == nickname) return entry.trust;
  }
  return "(absent)";
}

std::string new_db(const fs::path& dir) {
  fs::create_directories(dir);
  const std::string db = "sql:" + dir.string();
  REQUIRE(certutil({"-N", "--empty-password", "-d", db}).succeeded());
  return db;
}

}  // namespace

TEST_CASE("NSS probe reports a missing certutil with the hint for this distribution", "[nss]") {
  testing::TempDir home;
  FakeRunner fake;
  SECTION("Fedora") {
    fake.has_tool("dnf");
    NssStore store(home_env(home), fake, base::Os::Linux);
    auto probe = store.probe();
    CHECK_FALSE(probe.tool_found);
    CHECK(probe.tool == "certutil");
    CHECK(probe.install_hint == "dnf install nss-tools");
  }
  SECTION("Debian") {
    fake.has_tool("apt-get").has_tool("dnf");
    NssStore store(home_env(home), fake, base::Os::Linux);
    CHECK(store.probe().install_hint == "apt-get install libnss3-tools");
  }
  SECTION("Arch") {
    fake.has_tool("pacman");
    NssStore store(home_env(home), fake, base::Os::Linux);
    CHECK(store.probe().install_hint == "pacman -S nss");
  }
}

TEST_CASE("NSS probe lists Chromium's database and unusable Firefox profiles", "[nss]") {
  testing::TempDir home;
  fs::create_directories(home / ".mozilla/firefox/abc.default");
  FakeRunner fake;
  fake.has_tool("certutil");
  NssStore store(home_env(home), fake, base::Os::Linux);
  auto probe = store.probe();
  CHECK(probe.present);
  CHECK(probe.tool_found);
  CHECK(probe.targets ==
        std::vector<std::string>{"sql:" + (home / ".local/share/pki/nssdb").string()});
  REQUIRE(probe.problems.size() == 1);
  CHECK(probe.problems[0].code == base::codes::nss_db_not_initialised);
  CHECK(probe.detail.find("to be created") != std::string::npos);
}

TEST_CASE("NSS install refuses a Firefox profile that was never started", "[nss]") {
  testing::TempDir home;
  const fs::path profile = home / ".mozilla/firefox/abc.default";
  fs::create_directories(profile);
  FakeRunner fake;
  fake.has_tool("certutil");
  NssStore store(home_env(home), fake, base::Os::Linux);
  testing::TestCa ca;
  auto installed = store.install(ca.ref, "sql:" + profile.string());
  CHECK(installed.code == base::codes::nss_db_not_initialised);
  CHECK(installed.step == "install");
  CHECK(installed.store == "nss");
  CHECK(installed.remedy.find("start Firefox once") != std::string::npos);
  CHECK(fake.calls.empty());
}

TEST_CASE("NSS without certutil fails with TOOL_MISSING, and bad targets are refused", "[nss]") {
  testing::TempDir home;
  FakeRunner fake;
  fake.has_tool("apt-get");
  NssStore store(home_env(home), fake, base::Os::Linux);
  testing::TestCa ca;
  auto installed = store.install(ca.ref, "sql:" + (home / ".local/share/pki/nssdb").string());
  CHECK(installed.code == base::codes::tool_missing);
  CHECK(installed.remedy.rfind("apt-get install libnss3-tools", 0) == 0);
  CHECK(store.check(ca.ref, "/not/sql").code == base::codes::store_not_present);
  CHECK(store.uninstall(ca.ref, "sql:" + (home / "none").string()).status == base::Status::already);
  CHECK(fake.calls.empty());
}

TEST_CASE("real certutil: install, check, a minted leaf verifies, uninstall (XDG database)",
          "[nss][real]") {
  testing::TempDir home;
  testing::TestCa ca;
  NssStore store(home_env(home), platform::system_runner(), base::Os::Linux);
  const std::string db = "sql:" + (home / ".local/share/pki/nssdb").string();
  REQUIRE(store.probe().targets == std::vector<std::string>{db});
  CHECK(store.check(ca.ref, db).code == base::codes::ca_not_trusted);

  auto installed = store.install(ca.ref, db);
  INFO(installed.cause);
  REQUIRE(installed.status == base::Status::done);
  CHECK(installed.cause.find("restart Chromium") != std::string::npos);
  CHECK(trust_of(db, ca.ref.label) == "C,,");
  CHECK(store.check(ca.ref, db).status == base::Status::already);
  CHECK(store.install(ca.ref, db).status == base::Status::already);

  // A leaf the CA mints verifies as an SSL server certificate against that database.
  certs::CertStore leaves(ca.ca);
  auto leaf = leaves.get("site.test");
  REQUIRE(leaf);
  REQUIRE(
      certutil({"-A", "-d", db, "-t", ",,", "-n", "probe-leaf"}, leaf.value()->pem()).succeeded());
  auto verified = certutil({"-V", "-d", db, "-n", "probe-leaf", "-u", "V"});
  INFO(verified.output);
  CHECK(verified.succeeded());
  REQUIRE(certutil({"-D", "-d", db, "-n", "probe-leaf"}).succeeded());

  auto removed = store.uninstall(ca.ref, db);
  CHECK(removed.status == base::Status::done);
  CHECK(trust_of(db, ca.ref.label) == "(absent)");
  CHECK(store.check(ca.ref, db).code == base::codes::ca_not_trusted);
  CHECK(store.uninstall(ca.ref, db).status == base::Status::already);
}

TEST_CASE("real certutil: an existing ~/.pki/nssdb is the database Postern installs into",
          "[nss][real]") {
  testing::TempDir home;
  fs::create_directories(home / ".pki/nssdb");  // empty, as Chromium would still pick it
  testing::TestCa ca;
  NssStore store(home_env(home), platform::system_runner(), base::Os::Linux);
  const std::string db = "sql:" + (home / ".pki/nssdb").string();
  REQUIRE(store.probe().targets == std::vector<std::string>{db});
  REQUIRE(store.install(ca.ref, db).status == base::Status::done);
  CHECK(fs::exists(home / ".pki/nssdb/cert9.db"));
  CHECK_FALSE(fs::exists(home / ".local/share/pki/nssdb"));
  CHECK(trust_of(db, ca.ref.label) == "C,,");
  CHECK(store.check(ca.ref, db).status == base::Status::already);
  CHECK(store.uninstall(ca.ref, db).status == base::Status::done);
  CHECK(store.uninstall(ca.ref, db).status == base::Status::already);
}

TEST_CASE("real certutil: wrong trust flags are fixed in place", "[nss][real]") {
  testing::TempDir home;
  testing::TestCa ca;
  const std::string db = new_db(home / ".local/share/pki/nssdb");
  REQUIRE(certutil({"-A", "-d", db, "-t", ",,", "-n", ca.ref.label}, ca.ref.pem).succeeded());
  NssStore store(home_env(home), platform::system_runner(), base::Os::Linux);
  auto checked = store.check(ca.ref, db);
  CHECK(checked.code == base::codes::ca_not_trusted);
  CHECK(checked.cause.find("with trust \",,\"") != std::string::npos);
  REQUIRE(store.install(ca.ref, db).status == base::Status::done);
  CHECK(trust_of(db, ca.ref.label) == "C,,");
}

TEST_CASE("real certutil: uninstall also removes older Postern nicknames of the same CA",
          "[nss][real]") {
  testing::TempDir home;
  testing::TestCa ca, other("someone-else");
  const std::string db = new_db(home / ".mozilla/firefox/abc.default-release");
  REQUIRE(
      certutil({"-A", "-d", db, "-t", "C,,", "-n", "Postern Proxy CA"}, ca.ref.pem).succeeded());
  REQUIRE(certutil({"-A", "-d", db, "-t", "C,,", "-n", "Postern Someone Else"}, other.ref.pem)
              .succeeded());
  NssStore store(home_env(home), platform::system_runner(), base::Os::Linux);
  auto targets = store.probe().targets;
  CHECK(std::find(targets.begin(), targets.end(), db) != targets.end());
  // NSS keeps a certificate it already has under its first nickname, so the CA stays trusted
  // under the old name: check and install accept that instead of fighting NSS.
  auto checked = store.check(ca.ref, db);
  CHECK(checked.status == base::Status::already);
  CHECK(checked.cause.find("older name Postern Proxy CA") != std::string::npos);
  CHECK(store.install(ca.ref, db).status == base::Status::already);
  auto removed = store.uninstall(ca.ref, db);
  CHECK(removed.status == base::Status::done);
  CHECK(removed.cause.find("older Postern names") != std::string::npos);
  CHECK(trust_of(db, ca.ref.label) == "(absent)");
  CHECK(trust_of(db, "Postern Proxy CA") == "(absent)");
  CHECK(trust_of(db, "Postern Someone Else") == "C,,");  // not ours: left alone
}

TEST_CASE("real certutil: a regenerated CA with the same subject leaves the old one alone",
          "[nss][real]") {
  // Both CAs are tester@testhost, so NSS groups them by subject; removing the new one must not
  // touch the old one, which its own ledger entry removes later.
  testing::TempDir home;
  testing::TestCa old_ca, new_ca;
  const std::string db = new_db(home / ".local/share/pki/nssdb");
  NssStore store(home_env(home), platform::system_runner(), base::Os::Linux);
  REQUIRE(store.install(old_ca.ref, db).status == base::Status::done);
  REQUIRE(store.install(new_ca.ref, db).status == base::Status::done);
  CHECK(store.check(old_ca.ref, db).status == base::Status::already);
  CHECK(store.check(new_ca.ref, db).status == base::Status::already);
  CHECK(store.uninstall(new_ca.ref, db).status == base::Status::done);
  CHECK(trust_of(db, new_ca.ref.label) == "(absent)");
  CHECK(trust_of(db, old_ca.ref.label) == "C,,");
  CHECK(store.check(old_ca.ref, db).status == base::Status::already);
  CHECK(store.uninstall(old_ca.ref, db).status == base::Status::done);
  CHECK(parse_certutil_list(certutil({"-L", "-d", db}).output).empty());
}
