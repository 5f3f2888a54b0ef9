// The real runner (posix_spawn on POSIX) and the PATH search it relies on.
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>

#include "platform/command_runner.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using platform::Command;
using platform::system_runner;

namespace {

Command command(std::vector<std::string> argv) {
  Command c;
  c.argv = std::move(argv);
  c.timeout = std::chrono::seconds(20);
  return c;
}

}  // namespace

TEST_CASE("the real runner captures stdout and stderr of a tool", "[runner]") {
  auto result = system_runner().run(command({"sh", "-c", "echo out; echo err >&2"}));
  CHECK(result.succeeded());
  CHECK(result.started);
  CHECK(result.output.find("out\n") != std::string::npos);
  CHECK(result.output.find("err\n") != std::string::npos);
}

TEST_CASE("the real runner reports the child's exit code", "[runner]") {
  auto result = system_runner().run(command({"sh", "-c", "exit 3"}));
  CHECK(result.started);
  CHECK_FALSE(result.succeeded());
  CHECK(result.exit_code == 3);
}

TEST_CASE("the real runner feeds stdin, also more than a pipe buffer", "[runner]") {
  std::string big(256 * 1024, 'x');
  auto c = command({"cat"});
  c.stdin_data = big;
  auto result = system_runner().run(c);
  CHECK(result.succeeded());
  CHECK(result.output == big);
}

TEST_CASE("the real runner adds extra environment variables", "[runner]") {
  auto c = command({"sh", "-c", "printf %s \"$POSTERN_RUNNER_TEST\""});
  c.extra_env["POSTERN_RUNNER_TEST"] = "hello there";
  CHECK(system_runner().run(c).output == "hello there");
}

TEST_CASE("a missing tool does not start and says so", "[runner]") {
  auto c = command({"postern-no-such-tool-42"});
  auto result = system_runner().run(c);
  CHECK_FALSE(result.started);
  CHECK(result.exit_code == -1);
  CHECK_FALSE(system_runner().find_tool("postern-no-such-tool-42"));
  CHECK(result.record(c).output.find("postern-no-such-tool-42") != std::string::npos);
}

TEST_CASE("a command that outlives its timeout is killed promptly", "[runner]") {
  auto c = command({"sleep", "30"});
  c.timeout = std::chrono::seconds(1);
  const auto start = std::chrono::steady_clock::now();
  auto result = system_runner().run(c);
  const auto took = std::chrono::steady_clock::now() - start;
  CHECK(result.timed_out);
  CHECK_FALSE(result.succeeded());
  CHECK(took < std::chrono::seconds(5));
  CHECK(result.record(c).output.find("killed after 1 s") != std::string::npos);
}

TEST_CASE("find_on_path finds executables only, in PATH order", "[runner]") {
  testing::TempDir dir;
  std::filesystem::create_directories(dir / "a");
  std::filesystem::create_directories(dir / "b");
  for (const char* sub : {"a", "b"}) {
    std::ofstream(dir / sub / "tool") << "#!/bin/sh\n";
  }
  std::filesystem::permissions(dir / "b" / "tool", std::filesystem::perms::owner_all);
  const std::string path = (dir / "a").string() + ":" + (dir / "b").string();
  auto found = platform::find_on_path("tool", path);
  REQUIRE(found);
  // a/tool is not executable, so b/tool wins even though a comes first.
  CHECK(*found == dir / "b" / "tool");
  CHECK_FALSE(platform::find_on_path("absent", path));
}

TEST_CASE("a command record keeps the end of long output and drops trailing newlines", "[runner]") {
  platform::CommandResult result;
  result.started = true;
  result.exit_code = 1;
  result.output = std::string(5000, 'a') + "the end\n\n";
  auto c = command({"tool", "arg"});
  auto record = result.record(c);
  CHECK(record.argv == c.argv);
  CHECK(record.exit_code == 1);
  CHECK(record.output.size() < 4100);
  CHECK(record.output.substr(record.output.size() - 7) == "the end");
}
