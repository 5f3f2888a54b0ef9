#include "runtime/export/json_file.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "base/files.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using postern::testing::TempDir;

TEST_CASE("an export is written whole, pretty, owner-only, folders created", "[export][file]") {
  TempDir dir;
  const auto file = dir / "out/session.har";
  REQUIRE(exports::write_json_file_atomically(file, {{"log", {{"version", "1.2"}}}}));
  auto text = base::read_file(file);
  REQUIRE(text);
  CHECK(nlohmann::json::parse(text.value())["log"]["version"] == "1.2");
  CHECK(text.value().find("\n  \"log\"") != std::string::npos);
  CHECK(text.value().back() == '\n');
  struct stat info {};
  REQUIRE(::stat(file.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
}

TEST_CASE("text that is not UTF-8 is replaced, not refused", "[export][file]") {
  TempDir dir;
  REQUIRE(exports::write_json_file_atomically(dir / "x.json", {{"url", std::string("/\xff")}}));
  auto text = base::read_file(dir / "x.json");
  REQUIRE(text);
  CHECK(text.value().find("\xEF\xBF\xBD") != std::string::npos);  // U+FFFD
}

TEST_CASE("an unwritable place is an error naming it", "[export][file]") {
  TempDir dir;
  REQUIRE(base::write_file_atomically(dir / "file", "x", base::FileMode::owner_only));
  auto written = exports::write_json_file_atomically(dir / "file/below.json", {});
  REQUIRE_FALSE(written);
  CHECK(written.error().message.find("below.json") != std::string::npos);
}
