// reap_when_it_exits: a child handed over is waited for when it exits, however long after, and
// is then gone from the process table (no zombie); other children are left alone.
#include "runtime/bridge/child_reaper.hpp"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <chrono>
#include <thread>

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

}  // namespace

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
