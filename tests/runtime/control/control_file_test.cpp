#include "runtime/control/control_file.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "support/temp_dir.hpp"

using namespace postern::control;
using postern::testing::TempDir;

TEST_CASE("tokens are 64 hex digits and differ every time", "[control]") {
  auto a = new_control_token(), b = new_control_token();
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a.value().size() == 64);
  CHECK(a.value().find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(a.value() != b.value());
}

TEST_CASE("the control file round-trips and is private", "[control]") {
  TempDir dir;
  const auto file = control_file(dir.path());
  CHECK(file == dir.path() / "control.json");
  ControlEndpoint endpoint;
  endpoint.port = 5580;
  endpoint.token = new_control_token().value();
  endpoint.pid = 4242;
  REQUIRE(write_control_file(file, endpoint));
  struct stat info {};
  REQUIRE(::stat(file.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  auto read = read_control_file(file);
  REQUIRE(read);
  CHECK(read.value().host == "127.0.0.1");
  CHECK(read.value().port == 5580);
  CHECK(read.value().token == endpoint.token);
  CHECK(read.value().pid == 4242);
}

TEST_CASE("a missing or damaged control file is an error naming it", "[control]") {
  TempDir dir;
  const auto file = control_file(dir.path());
  auto missing = read_control_file(file);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message.find("not up") != std::string::npos);
  for (
      const char* text :
      {"", "[]", R"({"host":"127.0.0.1","port":0,"token":"aa"})",
       R"({"host":"127.0.0.1","port":70000,"token":"x"})",
       R"({"host":"127.0.0.1","port":1,"token":"ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ"})",
       R"({"port":1})"}) {
    INFO(text);
    std::ofstream(file) << text;
    auto read = read_control_file(file);
    REQUIRE_FALSE(read);
    CHECK(read.error().message.find(file.string()) == 0);
  }
}
