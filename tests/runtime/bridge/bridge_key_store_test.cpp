#include "runtime/bridge/bridge_key_store.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "runtime/bridge/errc.hpp"
#include "support/temp_dir.hpp"

using namespace postern::bridge;
using postern::testing::TempDir;

namespace {

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

BridgeKey sample_key() {
  return BridgeKey{KeyKind::install,
                   generate_install_key().value(),
                   {"chrome-extension://ocnfmjcdllbpfolgffoeocfckfbaakgm/"}};
}

}  // namespace

TEST_CASE("no key file means no key yet", "[bridge][keystore]") {
  TempDir dir;
  BridgeKeyStore store(dir / "bridge/key.json");
  auto loaded = store.load();
  REQUIRE(loaded.has_value());
  CHECK_FALSE(loaded.value().has_value());
}

TEST_CASE("save and load round-trip, owner-only", "[bridge][keystore]") {
  TempDir dir;
  postern::base::AppPaths paths{dir / "config", dir / "data", dir / "run"};
  BridgeKeyStore store(BridgeKeyStore::default_file(paths));
  CHECK(store.file() == dir / "config/bridge/key.json");
  const BridgeKey key = sample_key();
  REQUIRE(store.save(key).has_value());
  struct stat info {};
  REQUIRE(::stat(store.file().c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  auto loaded = store.load();
  REQUIRE(loaded.has_value());
  REQUIRE(loaded.value().has_value());
  CHECK(loaded.value()->kind == KeyKind::install);
  CHECK(loaded.value()->key == key.key);
  CHECK(loaded.value()->paired_origins == key.paired_origins);
  CHECK(loaded.value()->paired_with("chrome-extension://ocnfmjcdllbpfolgffoeocfckfbaakgm/"));
  CHECK_FALSE(loaded.value()->paired_with("chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/"));

  BridgeKey custom{KeyKind::custom, derive_custom_key("abcdefghij1234567890").value(), {}};
  REQUIRE(store.save(custom).has_value());  // a valid key file may be replaced
  CHECK(store.load().value()->kind == KeyKind::custom);
}

TEST_CASE("a damaged key file is reported and never overwritten", "[bridge][keystore]") {
  TempDir dir;
  const auto file = dir / "bridge/key.json";
  BridgeKeyStore store(file);
  const std::string damaged[] = {
      "not json",
      "[]",
      R"({"version":2,"kind":"install","key_b64":"","paired_origins":[]})",
      R"({"version":1,"kind":"spare","key_b64":"","paired_origins":[]})",
      R"({"version":1,"kind":"install","key_b64":"AAAA","paired_origins":[]})",
      R"({"version":1,"kind":"install","paired_origins":[]})",
      R"({"version":1,"kind":"custom","key_b64":")" + key_to_base64(Key{}) +
          R"(","paired_origins":[1]})",
      R"({"version":1,"kind":"custom","key_b64":")" + key_to_base64(Key{}) + R"("})",
  };
  for (const auto& text : damaged) {
    INFO(text);
    write_text(file, text);
    auto loaded = store.load();
    REQUIRE_FALSE(loaded.has_value());
    CHECK(loaded.error().code == errc::key_file_corrupt);
    CHECK(loaded.error().message.find(file.string()) != std::string::npos);
    CHECK_FALSE(loaded.error().remedy.empty());
    auto saved = store.save(sample_key());
    REQUIRE_FALSE(saved.has_value());
    CHECK(saved.error().code == errc::key_file_corrupt);
    CHECK(read_text(file) == text);  // untouched
  }
}

TEST_CASE("an oversized key file is damaged, not truncated", "[bridge][keystore]") {
  TempDir dir;
  write_text(dir / "key.json", std::string(100000, ' '));
  auto loaded = BridgeKeyStore(dir / "key.json").load();
  REQUIRE_FALSE(loaded.has_value());
  CHECK(loaded.error().code == errc::key_file_corrupt);
}

TEST_CASE("the key file format", "[bridge][keystore]") {
  const BridgeKey key{KeyKind::custom, Key{}, {}};
  const auto doc = nlohmann::json::parse(serialise_key_file(key));
  CHECK(doc["version"] == 1);
  CHECK(doc["kind"] == "custom");
  CHECK(doc["key_b64"] == key_to_base64(Key{}));
  CHECK(doc["paired_origins"] == nlohmann::json::array());
  auto parsed = parse_key_file(serialise_key_file(key), "key.json");
  REQUIRE(parsed.has_value());
  CHECK(parsed.value().kind == KeyKind::custom);
  CHECK(to_string(KeyKind::install) == "install");
}
