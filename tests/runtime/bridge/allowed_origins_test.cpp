#include "runtime/bridge/allowed_origins.hpp"

#include <catch2/catch.hpp>
#include <fstream>

#include "runtime/bridge/errc.hpp"
#include "support/temp_dir.hpp"

using namespace postern::bridge;
using postern::testing::TempDir;

namespace {
const std::string kOther = "chrome-extension://abcdefghijklmnopabcdefghijklmnop/";
}

TEST_CASE("Chromium origins have one exact form", "[bridge][origins]") {
  CHECK(is_chromium_origin(std::string(kBuiltInExtensionOrigin)));
  CHECK(is_chromium_origin(kOther));
  CHECK_FALSE(is_chromium_origin("chrome-extension://abcdefghijklmnopabcdefghijklmnop"));
  CHECK_FALSE(is_chromium_origin("chrome-extension://abcdefghijklmnopabcdefghijklmnoq/"));
  CHECK_FALSE(is_chromium_origin("chrome-extension://*/"));
  CHECK_FALSE(is_chromium_origin("https://abcdefghijklmnopabcdefghijklmnop/"));
  CHECK_FALSE(is_chromium_origin(""));
}

TEST_CASE("Firefox add-on IDs", "[bridge][origins]") {
  CHECK(is_firefox_extension_id("bridge@postern.dev"));
  CHECK(is_firefox_extension_id("{12345678-1234-1234-1234-123456789abc}"));
  CHECK_FALSE(is_firefox_extension_id("no-at-sign"));
  CHECK_FALSE(is_firefox_extension_id("@postern"));
  CHECK_FALSE(is_firefox_extension_id("a b@c"));
  CHECK_FALSE(is_firefox_extension_id(""));
}

TEST_CASE("the built-in list allows only the Postern extension", "[bridge][origins]") {
  AllowList list;
  CHECK(list.allows(kBuiltInExtensionOrigin));
  CHECK_FALSE(list.allows(kOther));
  CHECK_FALSE(list.allows(""));
  // No prefix or case games.
  CHECK_FALSE(list.allows(std::string(kBuiltInExtensionOrigin).substr(0, 50)));
  CHECK_FALSE(list.allows("CHROME-EXTENSION://ocnfmjcdllbpfolgffoeocfckfbaakgm/"));
}

TEST_CASE("the config file adds origins and add-on IDs", "[bridge][origins]") {
  TempDir dir;
  postern::base::AppPaths paths{dir / "config", dir / "data", dir / "run"};
  const auto file = allow_list_file(paths);
  CHECK(file == dir / "config/bridge/allowed-origins.json");
  std::string problem;
  CHECK(load_allow_list(file, &problem).entries().size() == 1);  // missing file: built-in only
  CHECK(problem.empty());
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file) << R"({"allowed_origins":[")" << kOther
                      << R"("],"allowed_extensions":["bridge@postern.dev"]})";
  AllowList list = load_allow_list(file, &problem);
  CHECK(problem.empty());
  CHECK(list.allows(kBuiltInExtensionOrigin));
  CHECK(list.allows(kOther));
  CHECK(list.allows("bridge@postern.dev"));
}

TEST_CASE("a damaged list narrows to the built-in entry and says why", "[bridge][origins]") {
  TempDir dir;
  const auto file = dir / "allowed-origins.json";
  for (const char* text :
       {"oops", R"({"allowed_origins":"x"})", R"({"allowed_origins":["chrome-extension://*/"]})",
        R"({"allowed_extensions":[7]})"}) {
    INFO(text);
    std::ofstream(file) << text;
    std::string problem;
    AllowList list = load_allow_list(file, &problem);
    CHECK(list.entries().size() == 1);
    CHECK(problem.find(file.string()) != std::string::npos);
    auto parsed = parse_allow_list(text, file);
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().code == errc::allow_list_invalid);
  }
}

TEST_CASE("the caller is read from Chromium's and Firefox's arguments", "[bridge][origins]") {
  CHECK(caller_origin({kOther}) == kOther);
  CHECK(caller_origin({kOther, "--parent-window=0"}) == kOther);  // Chrome on Windows
  CHECK(caller_origin({"/home/u/.mozilla/native-messaging-hosts/com.postern.bridge.json",
                       "bridge@postern.dev"}) == "bridge@postern.dev");
  CHECK(caller_origin({}).empty());
  CHECK(caller_origin({"--help"}).empty());
  CHECK(caller_origin({"x.json"}).empty());
}
