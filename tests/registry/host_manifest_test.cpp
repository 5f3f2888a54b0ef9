// Manifest rendering, validation against every rule of the recipe's table (chromium-e2e §3),
// and parsing of odd files.
#include "registry/host_manifest.hpp"

#include <catch2/catch.hpp>

#include <functional>

#include <nlohmann/json.hpp>

#include "registry/errc.hpp"

using namespace postern::registry;
using postern::base::Os;

namespace {

constexpr const char* kId = "lnaeeebhdmbelhghkhlllpkifebmpgln";

HostManifest chrome_manifest() {
  HostManifest m;
  m.name = "com.postern.bridge";
  m.description = "Postern bridge";
  m.path = "/opt/postern/postern-bridge";
  m.allowed_origins = {chrome_origin(kId)};
  return m;
}

HostManifest firefox_manifest() {
  HostManifest m = chrome_manifest();
  m.allowed_origins.clear();
  m.allowed_extensions = {"postern@postern.dev"};
  return m;
}

std::string error_of(const HostManifest& m, BrowserFamily family = BrowserFamily::chromium,
                     Os os = Os::Linux) {
  auto result = validate(m, family, os);
  if (result) return "";
  CHECK(result.error().code == errc::manifest_invalid);
  return result.error().message;
}

}  // namespace

TEST_CASE("a Chromium manifest renders the documented fields in order", "[manifest]") {
  auto text = render(chrome_manifest(), BrowserFamily::chromium, Os::Linux);
  REQUIRE(text);
  CHECK(text.value().back() == '\n');
  auto json = nlohmann::ordered_json::parse(text.value());
  std::vector<std::string> keys;
  for (const auto& item : json.items())
    keys.push_back(item.key());
  CHECK(keys == std::vector<std::string>{"name", "description", "path", "type", "allowed_origins"});
  CHECK(json["type"] == "stdio");
  CHECK(json["allowed_origins"][0] == "chrome-extension://lnaeeebhdmbelhghkhlllpkifebmpgln/");

  auto parsed = parse_manifest(text.value(), "/x/com.postern.bridge.json");
  REQUIRE(parsed);
  CHECK(parsed.value().path == chrome_manifest().path);
  CHECK(parsed.value().allowed_origins == chrome_manifest().allowed_origins);
  CHECK(validate(parsed.value(), BrowserFamily::chromium, Os::Linux));
}

TEST_CASE("a Firefox manifest carries allowed_extensions and no allowed_origins", "[manifest]") {
  HostManifest both = firefox_manifest();
  both.allowed_origins = {chrome_origin(kId)};
  auto text = render(both, BrowserFamily::firefox, Os::Linux);
  REQUIRE(text);
  auto json = nlohmann::json::parse(text.value());
  CHECK(json["allowed_extensions"] == nlohmann::json::array({"postern@postern.dev"}));
  CHECK_FALSE(json.contains("allowed_origins"));
}

TEST_CASE("validate enforces every rule Chromium enforces on load", "[manifest]") {
  using Mutate = std::function<void(HostManifest&)>;
  struct Case {
    const char* what;
    Mutate mutate;
    const char* message_part;  ///< what the error must mention
  };
  const std::vector<Case> cases{
      {"upper-case name", [](HostManifest& m) { m.name = "Com.Postern.Upper"; }, "name"},
      {"leading dot", [](HostManifest& m) { m.name = ".com.postern"; }, "name"},
      {"double dot", [](HostManifest& m) { m.name = "com..postern"; }, "name"},
      {"trailing dot", [](HostManifest& m) { m.name = "com.postern."; }, "name"},
      {"dash", [](HostManifest& m) { m.name = "com.postern-bridge"; }, "name"},
      {"empty name", [](HostManifest& m) { m.name.clear(); }, "name"},
      {"missing description", [](HostManifest& m) { m.description.clear(); }, "description"},
      {"relative path", [](HostManifest& m) { m.path = "bin/postern-bridge"; }, "absolute"},
      {"empty path", [](HostManifest& m) { m.path.clear(); }, "absolute"},
      {"Windows path on Linux", [](HostManifest& m) { m.path = "C:\\Postern\\b.exe"; }, "absolute"},
      {"missing type", [](HostManifest& m) { m.type.clear(); }, "type"},
      {"type pipe", [](HostManifest& m) { m.type = "pipe"; }, "type"},
      {"origin without trailing slash",
       [](HostManifest& m) { m.allowed_origins = {std::string("chrome-extension://") + kId}; },
       "trailing"},
      {"wildcard origin", [](HostManifest& m) { m.allowed_origins = {"chrome-extension://*/"}; },
       "wildcard"},
      {"upper-case ID",
       [](HostManifest& m) {
         m.allowed_origins = {"chrome-extension://LNAEEEBHDMBELHGHKHLLLPKIFEBMPGLN/"};
       },
       "allowed_origins"},
      {"ID with q..z",
       [](HostManifest& m) {
         m.allowed_origins = {"chrome-extension://zzaeeebhdmbelhghkhlllpkifebmpgln/"};
       },
       "allowed_origins"},
      {"short ID", [](HostManifest& m) { m.allowed_origins = {"chrome-extension://abcdef/"}; },
       "allowed_origins"},
      {"http origin",
       [](HostManifest& m) { m.allowed_origins = {std::string("https://") + kId + "/"}; },
       "allowed_origins"},
      {"no origins", [](HostManifest& m) { m.allowed_origins.clear(); }, "empty"},
  };
  CHECK(error_of(chrome_manifest()).empty());
  for (const auto& c : cases) {
    INFO(c.what);
    HostManifest m = chrome_manifest();
    c.mutate(m);
    const std::string message = error_of(m);
    CHECK_THAT(message, Catch::Contains(c.message_part));
    CHECK_FALSE(render(m, BrowserFamily::chromium, Os::Linux));  // render refuses the same
  }
}

TEST_CASE("Windows paths are absolute with a drive or UNC prefix", "[manifest]") {
  HostManifest m = chrome_manifest();
  for (const char* path :
       {"C:\\Postern\\postern-bridge.exe", "d:/p/b.exe", "\\\\srv\\share\\b.exe"}) {
    m.path = path;
    CHECK(error_of(m, BrowserFamily::chromium, Os::Windows).empty());
  }
  for (const char* path : {"postern-bridge.exe", "C:postern.exe", "/opt/postern/b"}) {
    m.path = path;
    CHECK_THAT(error_of(m, BrowserFamily::chromium, Os::Windows), Catch::Contains("absolute"));
  }
}

TEST_CASE("Firefox add-on IDs are name@domain or a braced UUID", "[manifest]") {
  HostManifest m = firefox_manifest();
  CHECK(error_of(m, BrowserFamily::firefox).empty());
  m.allowed_extensions = {"{d3b07384-d9a0-4c9b-8a0d-1f2e3c4b5a69}"};
  CHECK(error_of(m, BrowserFamily::firefox).empty());
  for (const char* bad : {"postern", "postern@", "{d3b07384-d9a0-4c9b-8a0d}", "a b@c.d",
                          "chrome-extension://lnaeeebhdmbelhghkhlllpkifebmpgln/"}) {
    INFO(bad);
    m.allowed_extensions = {bad};
    CHECK_THAT(error_of(m, BrowserFamily::firefox), Catch::Contains("allowed_extensions"));
  }
  m.allowed_extensions.clear();
  CHECK_THAT(error_of(m, BrowserFamily::firefox), Catch::Contains("empty"));
}

TEST_CASE("parse_manifest reports malformed and odd-typed files by file and field", "[manifest]") {
  const std::filesystem::path file = "/home/u/.config/chromium/NativeMessagingHosts/x.json";
  struct Case {
    const char* text;
    const char* message_part;
  };
  const std::vector<Case> cases{
      {"", "not valid JSON"},
      {"{\"name\": \"com.postern.bridge\",}", "not valid JSON"},  // trailing comma (recipe §3)
      {"[1, 2]", "array"},
      {"\"text\"", "string"},
      {"{\"name\": 42}", "\"name\""},
      {"{\"description\": null}", "\"description\""},
      {"{\"path\": [\"/a\"]}", "\"path\""},
      {"{\"type\": {}}", "\"type\""},
      {"{\"allowed_origins\": \"chrome-extension://x/\"}", "\"allowed_origins\""},
      {"{\"allowed_origins\": [\"ok\", 7]}", "\"allowed_origins\""},
      {"{\"allowed_extensions\": {\"a\": 1}}", "\"allowed_extensions\""},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    auto parsed = parse_manifest(c.text, file);
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().code == errc::manifest_invalid);
    CHECK_THAT(parsed.error().message, Catch::Contains(file.string()));
    CHECK_THAT(parsed.error().message, Catch::Contains(c.message_part));
    CHECK_FALSE(parsed.error().remedy.empty());
  }
}

TEST_CASE("parse_manifest accepts a BOM, ignores unknown fields and keeps gaps for validate",
          "[manifest]") {
  auto parsed = parse_manifest(
      "\xEF\xBB\xBF{\"name\": \"com.postern.bridge\", \"path\": \"/p\", \"extra\": [1]}", "f.json");
  REQUIRE(parsed);
  CHECK(parsed.value().name == "com.postern.bridge");
  CHECK(parsed.value().type.empty());  // missing stays missing
  CHECK_THAT(error_of(parsed.value()), Catch::Contains("description"));
}

TEST_CASE("the manifest file is named after the host", "[manifest]") {
  CHECK(manifest_file_name(kHostName) == "com.postern.bridge.json");
}
