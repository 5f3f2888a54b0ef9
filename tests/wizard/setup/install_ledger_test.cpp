#include "wizard/setup/install_ledger.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "base/files.hpp"
#include "support/temp_dir.hpp"

using namespace postern::setup;
using postern::testing::TempDir;

namespace {
LedgerEntry nss_entry(std::string target, std::string sha) {
  return LedgerEntry{"trust-store", "nss", std::move(target), "Postern Proxy CA 01", std::move(sha),
                     "PEM",         ""};
}
}  // namespace

TEST_CASE("a missing ledger is empty, and a saved one reads back the same", "[setup][ledger]") {
  TempDir dir;
  auto ledger = InstallLedger::load(dir / "config/install-ledger.json");
  REQUIRE(ledger);
  CHECK(ledger.value().entries().empty());
  ledger.value().record(nss_entry("/a", "AA"));
  auto with_details = nss_entry("/b", "AA");
  with_details.details = {{"scope", "user"}, {"family", "chromium"}};
  ledger.value().record(with_details);
  REQUIRE(ledger.value().save());

  struct stat st {};
  REQUIRE(::stat((dir / "config/install-ledger.json").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);

  auto again = InstallLedger::load(dir / "config/install-ledger.json");
  REQUIRE(again);
  REQUIRE(again.value().entries().size() == 2);
  CHECK(again.value().entries()[1].target == "/b");
  CHECK(again.value().entries()[1].details.at("scope") == "user");
  CHECK(again.value().entries()[0].details.empty());
  CHECK_FALSE(again.value().entries()[0].recorded_at.empty());
}

TEST_CASE("recording the same write twice keeps one entry; forget removes it", "[setup][ledger]") {
  TempDir dir;
  auto ledger = InstallLedger::load(dir / "l.json").value();
  ledger.record(nss_entry("/a", "AA"));
  ledger.record(nss_entry("/a", "AA"));
  ledger.record(nss_entry("/a", "BB"));  // another CA in the same database is another write
  CHECK(ledger.entries().size() == 2);
  CHECK(ledger.entries_of("trust-store", "nss").size() == 2);
  CHECK(ledger.entries_of("trust-store", "system").empty());
  CHECK(ledger.forget(nss_entry("/a", "AA")));
  CHECK_FALSE(ledger.forget(nss_entry("/a", "AA")));
  CHECK(ledger.entries().size() == 1);
}

TEST_CASE("a corrupt ledger is an error naming the file, and it is left untouched",
          "[setup][ledger]") {
  TempDir dir;
  const auto file = dir / "install-ledger.json";
  const char* bad_documents[] = {
      "{not json",
      "[]",
      R"({"format":[{"kind":"x"}]})",  // found by ledger_fuzz: a non-string format used to throw
      R"({"format":"something-else","version":1,"entries":[]})",
      R"({"format":"postern-install-ledger","entries":[]})",
      R"({"format":"postern-install-ledger","version":1,"entries":{}})",
      R"({"format":"postern-install-ledger","version":1,"entries":[{"kind":"trust-store"}]})",
      R"({"format":"postern-install-ledger","version":1,"entries":[{"kind":5,"store":"s","target":"t"}]})",
      R"({"format":"postern-install-ledger","version":1,"entries":[{"kind":"k","store":"s","target":"t","details":[]}]})",
      R"({"format":"postern-install-ledger","version":1,"entries":[{"kind":"k","store":"s","target":"t","details":{"a":1}}]})",
  };
  for (const char* text : bad_documents) {
    std::ofstream(file) << text;
    auto ledger = InstallLedger::load(file);
    INFO(text);
    REQUIRE_FALSE(ledger);
    CHECK(ledger.error().code == ledger_errc::corrupt);
    CHECK(ledger.error().message.find(file.string()) != std::string::npos);
    CHECK_FALSE(ledger.error().remedy.empty());
    CHECK(postern::base::read_file(file).value() == text);
  }
}

TEST_CASE("a ledger from a newer Postern is refused, not rewritten", "[setup][ledger]") {
  auto ledger = InstallLedger::parse(
      R"({"format":"postern-install-ledger","version":99,"entries":[]})", "x.json");
  REQUIRE_FALSE(ledger);
  CHECK(ledger.error().code == ledger_errc::newer_version);
}

TEST_CASE("timestamps are UTC ISO 8601", "[setup][ledger]") {
  auto stamp = utc_timestamp();
  REQUIRE(stamp.size() == 20);
  CHECK(stamp[4] == '-');
  CHECK(stamp[10] == 'T');
  CHECK(stamp.back() == 'Z');
}
