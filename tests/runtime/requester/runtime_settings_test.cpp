#include "runtime/requester/runtime_settings.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "support/temp_dir.hpp"

using namespace postern::requester;
using postern::testing::TempDir;
namespace fs = std::filesystem;

namespace {

fs::path write(const TempDir& dir, const std::string& text) {
  const auto file = settings_file(dir.path());
  std::ofstream(file) << text;
  return file;
}

std::string read(const fs::path& file) {
  std::ifstream in(file);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("no settings file means the defaults") {
  TempDir dir;
  auto settings = load_runtime_settings(settings_file(dir.path()));
  REQUIRE(settings);
  CHECK(settings.value().connectivity.url == kDefaultConnectivityUrl);
  CHECK(settings.value().connectivity.timeout == kDefaultConnectivityTimeout);
  CHECK(settings.value().proxy.use_system);
}

TEST_CASE("the connectivity URL, timeout and proxy come from settings.json") {
  TempDir dir;
  const auto file =
      write(dir, R"({"connectivity": {"url": "http://127.0.0.1:9/x", "timeout_ms": 500},
    "proxy": {"custom": {"enabled": true, "server": "127.0.0.1:3128"}}})");
  auto settings = load_runtime_settings(file);
  REQUIRE(settings);
  CHECK(settings.value().connectivity.url == "http://127.0.0.1:9/x");
  CHECK(settings.value().connectivity.timeout == std::chrono::milliseconds(500));
  CHECK(settings.value().proxy.use_custom);
  CHECK(settings.value().proxy.custom_server == "127.0.0.1:3128");
}

TEST_CASE("a broken settings file is named with its field and left untouched") {
  TempDir dir;
  struct Case {
    const char* text;
    const char* says;
  };
  for (const Case& c :
       {Case{"{", "is not valid JSON"}, Case{"", "is not valid JSON"},
        Case{"[]", "the document must be an object"},
        Case{R"({"connectivity": {"url": 5}})", "connectivity.url must be a string"},
        Case{R"({"connectivity": {"url": "example.com"}})", "connectivity.url: "},
        Case{R"({"connectivity": {"timeout_ms": 5}})",
             "connectivity.timeout_ms must be from 100 to 120000"},
        Case{R"({"proxy": {"custom": {"enabled": true}}})", "proxy.custom.server \"\" is empty"}}) {
    INFO(c.text);
    const auto file = write(dir, c.text);
    auto settings = load_runtime_settings(file);
    REQUIRE_FALSE(settings);
    CHECK(settings.error().message.find(file.string() + ": " + c.says) == 0);
    CHECK(settings.error().remedy.find("never rewrites it") != std::string::npos);
    CHECK(read(file) == c.text);  // loses nothing
  }
}

TEST_CASE("an unreadable settings file is an error, not the defaults") {
  if (::geteuid() == 0) {
    // root reads any file; a folder in place of the file is unreadable for everyone.
    TempDir dir;
    fs::create_directories(settings_file(dir.path()));
    auto settings = load_runtime_settings(settings_file(dir.path()));
    REQUIRE_FALSE(settings);
    CHECK(settings.error().message.find("cannot be read") != std::string::npos);
    return;
  }
  TempDir dir;
  const auto file = write(dir, "{}");
  ::chmod(file.c_str(), 0);
  CHECK_FALSE(load_runtime_settings(file));
}
