// spawn_runtime: arguments, its own session, stdin from /dev/null, output appended to the
// runtime's log (rotated when large), a clear error for a missing binary. reap_when_it_exits:
// a child handed over is waited for when it exits, however long after, and is then gone from
// the process table (no zombie); other children are left alone.
#include "runtime/bridge/runtime_spawn.hpp"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <chrono>
#include <fstream>
#include <string>
#include <thread>

#include "runtime/bridge/errc.hpp"
#include "runtime/bridge/runtime_probe.hpp"
#include "runtime/bridge/socket_runtime_link.hpp"
#include "support/temp_dir.hpp"

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

extern char** environ;

namespace {

pid_t spawn_shell(const char* command) {
  const char* argv[] = {"/bin/sh", "-c", command, nullptr};
  pid_t pid = 0;
  if (::posix_spawn(&pid, "/bin/sh", nullptr, nullptr, const_cast<char**>(argv), environ) != 0)
    return -1;
  return pid;
}

// True once `pid` has left the process table (a zombie still answers kill(pid, 0)).
bool gone_within(pid_t pid, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (::kill(pid, 0) == 0) {
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(2ms);
  }
  return errno == ESRCH;
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

int wait_for(pid_t child) {
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("spawn_runtime: the folders and arguments, its own session, stdin /dev/null, the log",
          "[bridge][spawn]") {
  postern::testing::TempDir home;
  const auto program = home / "fake-runtime";
  // Field 6 of /proc/PID/stat is the session id (the name, field 2, has no spaces here).
  std::ofstream(program) << "#!/bin/sh\n"
                            "echo \"args: $*\"\n"
                            "read -r stat < /proc/$$/stat; set -- $stat; echo \"session: $6\"\n"
                            "echo \"stdin: $(readlink /proc/$$/fd/0)\"\n"
                            "echo \"to stderr\" >&2\n";
  std::filesystem::permissions(program, std::filesystem::perms::owner_all);
  const auto run = home / "run";
  std::filesystem::create_directories(run);
  std::ofstream(postern::bridge::runtime_log_file(run)) << "an earlier line\n";
  auto child = postern::bridge::spawn_runtime(program, run, home / "config", {"--port", "7777"});
  REQUIRE(child);
  REQUIRE(wait_for(child.value()) == 0);
  const std::string log = read_file(postern::bridge::runtime_log_file(run));
  CHECK(log.rfind("an earlier line\n", 0) == 0);  // appended, not replaced
  CHECK(log.find("args: --runtime-dir " + run.string() + " --config-dir " +
                 (home / "config").string() + " --port 7777\n") != std::string::npos);
  CHECK(log.find("session: " + std::to_string(child.value()) + "\n") != std::string::npos);
  CHECK(log.find("stdin: /dev/null\n") != std::string::npos);
  CHECK(log.find("to stderr\n") != std::string::npos);
}

TEST_CASE("spawn_runtime: a log past its limit is rotated to .1; a missing binary is named",
          "[bridge][spawn]") {
  postern::testing::TempDir home;
  const auto run = home / "run";
  std::filesystem::create_directories(run);
  const auto log = postern::bridge::runtime_log_file(run);
  std::ofstream(log) << std::string(postern::bridge::kMaxRuntimeLogBytes + 1, 'x');
  const auto missing = home / "no-such-runtime";
  auto child = postern::bridge::spawn_runtime(missing, run, {}, {});
  REQUIRE_FALSE(child);
  CHECK(child.error().code == postern::bridge::errc::runtime_not_running);
  CHECK(child.error().message.find(missing.string()) != std::string::npos);
  CHECK(std::filesystem::file_size(log.string() + ".1") ==
        postern::bridge::kMaxRuntimeLogBytes + 1);
}

TEST_CASE("a child handed over is reaped when it exits later", "[bridge][reaper]") {
  const pid_t child = spawn_shell("sleep 0.3");
  REQUIRE(child > 0);
  postern::bridge::reap_when_it_exits(child);
  std::this_thread::sleep_for(100ms);
  CHECK(::kill(child, 0) == 0);  // still running: nothing was done to it
  CHECK(gone_within(child, 5s));
}

TEST_CASE("a child that already exited is reaped at once", "[bridge][reaper]") {
  const pid_t child = spawn_shell("exit 3");
  REQUIRE(child > 0);
  std::this_thread::sleep_for(100ms);  // now a zombie
  REQUIRE(::kill(child, 0) == 0);
  postern::bridge::reap_when_it_exits(child);
  CHECK(gone_within(child, 5s));
}

TEST_CASE("a child not handed over stays ours to wait for", "[bridge][reaper]") {
  const pid_t handed = spawn_shell("exit 0");
  const pid_t kept = spawn_shell("exit 7");
  REQUIRE(handed > 0);
  REQUIRE(kept > 0);
  postern::bridge::reap_when_it_exits(handed);
  CHECK(gone_within(handed, 5s));
  int status = 0;
  REQUIRE(::waitpid(kept, &status, 0) == kept);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 7);
}
