#include "wizard/setup/key_step.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "runtime/bridge/bridge_key_store.hpp"
#include "runtime/bridge/envelope.hpp"
#include "support/temp_dir.hpp"
#include "wizard/setup/install_ledger.hpp"

using namespace postern;
using postern::testing::TempDir;

namespace {
struct Fixture {
  TempDir dir;
  std::filesystem::path key = dir / "config/bridge/key.json";
  std::filesystem::path ledger = dir / "config/install-ledger.json";
  std::optional<bridge::BridgeKey> stored() { return bridge::BridgeKeyStore(key).load().value(); }
};
}  // namespace

TEST_CASE("the key step creates one random 0600 key and never replaces it", "[setup][key]") {
  Fixture fx;
  setup::KeyStep step(fx.key, fx.ledger);
  CHECK(step.check().status == base::Status::skipped);
  CHECK(step.apply().status == base::Status::done);
  struct stat st {};
  REQUIRE(::stat(fx.key.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  auto first = fx.stored();
  REQUIRE(first);
  CHECK(first->kind == bridge::KeyKind::install);
  CHECK(step.apply().status == base::Status::already);
  CHECK(fx.stored()->key == first->key);
  CHECK(setup::InstallLedger::load(fx.ledger).value().entries_of(setup::kKeyEntry).size() == 1);
  CHECK(step.revert().status == base::Status::done);
  CHECK_FALSE(std::filesystem::exists(fx.key));
}

TEST_CASE("set-key validates, derives, replaces the install key, and the key step keeps it",
          "[setup][key]") {
  Fixture fx;
  REQUIRE(setup::KeyStep(fx.key, fx.ledger).apply().ok());
  auto bad = setup::set_custom_key("short1", fx.key, fx.ledger);
  CHECK(bad.status == base::Status::failed);
  CHECK(bad.code == "KEY_INVALID");
  CHECK(fx.stored()->kind == bridge::KeyKind::install);

  auto good = setup::set_custom_key("abcdefghij12345", fx.key, fx.ledger);
  REQUIRE(good.ok());
  CHECK(fx.stored()->kind == bridge::KeyKind::custom);
  CHECK(fx.stored()->key == bridge::derive_custom_key("abcdefghij12345").value());
  CHECK(good.remedy.find("lock icon") != std::string::npos);
  CHECK(setup::KeyStep(fx.key, fx.ledger).apply().status ==
        base::Status::already);  // keeps the custom key
}

TEST_CASE("set-key moves a damaged key file aside instead of overwriting it", "[setup][key]") {
  Fixture fx;
  std::filesystem::create_directories(fx.key.parent_path());
  std::ofstream(fx.key) << "{garbage";
  CHECK(setup::KeyStep(fx.key, fx.ledger).check().status == base::Status::failed);
  REQUIRE(setup::set_custom_key("abcdefghij12345", fx.key, fx.ledger).ok());
  bool kept = false;
  for (const auto& item : std::filesystem::directory_iterator(fx.key.parent_path()))
    kept = kept || item.path().filename().string().rfind("key.json.broken-", 0) == 0;
  CHECK(kept);
}

TEST_CASE("the key step stores a chosen custom key once, replacing an install key",
          "[setup][key]") {
  Fixture fx;
  REQUIRE(setup::KeyStep(fx.key, fx.ledger).apply().ok());
  setup::KeyStep custom(fx.key, fx.ledger, "Custom0Key12");
  CHECK(custom.check().status == base::Status::skipped);
  CHECK(custom.apply().status == base::Status::done);
  CHECK(fx.stored()->kind == bridge::KeyKind::custom);
  CHECK(fx.stored()->key == bridge::derive_custom_key("Custom0Key12").value());
  CHECK(custom.apply().status == base::Status::already);
  CHECK(setup::KeyStep(fx.key, fx.ledger, "OtherKey1234").check().status == base::Status::skipped);
  auto bad = setup::KeyStep(fx.key, fx.ledger, "short").apply();
  CHECK(bad.code == "KEY_INVALID");
  CHECK(fx.stored()->key == bridge::derive_custom_key("Custom0Key12").value());
}

// The form's cheap rule must say exactly what the bridge's derivation accepts.
TEST_CASE("custom_key_problem agrees with the bridge's rule", "[setup][key]") {
  const std::vector<std::string> samples = {
      "",           "abc",         "abcdefghi",   "abcdefghij",          "ABCdef0123",
      "abcdefghi ", "abc-defghij", "abcdéfghijk", std::string(256, 'a'), std::string(257, 'a'),
      "0123456789"};
  for (const auto& text : samples) {
    INFO(text);
    CHECK(setup::custom_key_problem(text).has_value() == !bridge::derive_custom_key(text));
  }
  CHECK(setup::custom_key_problem("short").value().find("at least 10") != std::string::npos);
  CHECK(setup::custom_key_problem("abcdefghi!").value().find("character 10") != std::string::npos);
}
