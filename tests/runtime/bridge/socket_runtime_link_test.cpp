// SocketRuntimeLink against the real postern-runtime (POSTERN_RUNTIME_BINARY_PATH) and against
// what can go wrong: nothing to start, a binary that dies or never listens, a hung runtime, a
// runtime that stops mid-session. Every runtime a test starts is stopped by the PID in its
// pid file before the test ends; every wait is bounded.
#include "runtime/bridge/socket_runtime_link.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <fstream>

#include "../daemon/runtime_process.hpp"
#include "runtime/bridge/errc.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using namespace postern::bridge;
using namespace postern::testing;
using namespace std::chrono_literals;
using nlohmann::json;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

SocketRuntimeLinkOptions options_for(const TempDir& home,
                                     std::optional<fs::path> binary = POSTERN_RUNTIME_BINARY_PATH) {
  SocketRuntimeLinkOptions options;
  options.runtime_dir = home / "run";
  options.runtime_binary = std::move(binary);
  return options;
}

// Stops, by its pid file, whatever runtime a test left in `home`, even when a CHECK failed.
struct StopRuntimeAtEnd {
  const TempDir& home;
  ~StopRuntimeAtEnd() { stop_runtime_in(home / "run"); }
};

// The next message from the runtime, waiting on the link's socket up to `timeout`.
std::optional<json> next_message(SocketRuntimeLink& link, std::chrono::milliseconds timeout = 3s) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    if (auto message = link.receive()) return message;
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0 || link.fd() < 0) return std::nullopt;
    pollfd ready{link.fd(), POLLIN, 0};
    ::poll(&ready, 1, static_cast<int>(left.count()));
  }
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

fs::path script(const TempDir& home, const std::string& name, const std::string& body) {
  const fs::path file = home / name;
  std::ofstream(file) << "#!/bin/sh\n" << body << "\n";
  fs::permissions(file, fs::perms::owner_all);
  return file;
}

}  // namespace

TEST_CASE("no runtime and nothing to start: RUNTIME_NOT_RUNNING at once", "[bridge][link]") {
  TempDir home;
  SocketRuntimeLink link(options_for(home, std::nullopt));
  const auto start = Clock::now();
  RuntimeStatus status = link.status();
  CHECK(Clock::now() - start < 100ms);
  CHECK_FALSE(status.connected);
  CHECK(status.code == "RUNTIME_NOT_RUNNING");
  CHECK(contains(status.message, "no socket at " + (home / "run/postern.sock").string()));
  CHECK(contains(status.message, "no postern-runtime was found"));
  auto sent = link.send({{"type", "runtime.relay"}, {"id", 1}, {"payload", {}}});
  REQUIRE_FALSE(sent.has_value());
  CHECK(sent.error().code == errc::runtime_not_running);
  CHECK(contains(sent.error().remedy, "postern runtime start"));
  CHECK_FALSE(link.receive().has_value());
  CHECK(link.fd() == -1);
  CHECK_FALSE(link.started_pid().has_value());
}

TEST_CASE("with no runtime the link starts the real one, connects and relays", "[bridge][link]") {
  TempDir home;
  StopRuntimeAtEnd stop{home};
  SocketRuntimeLink link(options_for(home));
  RuntimeStatus status = link.status();
  REQUIRE(status.connected);
  CHECK(status.code.empty());
  REQUIRE(link.started_pid().has_value());
  CHECK(runtime_pid_in(home / "run") == static_cast<long>(*link.started_pid()));
  CHECK(link.hello_ack()["pid"] == static_cast<long>(*link.started_pid()));
  CHECK(contains(status.message, "connected to postern-runtime 0.1.0"));
  const auto log = link.take_log();
  REQUIRE(log.size() == 2);
  CHECK(contains(log[0], "started postern-runtime (pid "));
  CHECK(contains(log[1], "connected to postern-runtime"));
  for (const char* type :
       {"runtime.relay", "capture.request", "capture.response", "cookies.sync"}) {
    REQUIRE(link.send({{"type", type}, {"id", type}, {"payload", {{"n", 1}}}}).has_value());
    auto ack = next_message(link);
    REQUIRE(ack.has_value());
    CHECK((*ack)["type"] == "relay_ack");
    CHECK((*ack)["id"] == type);
  }
  std::ifstream runtime_log(home / "run/postern-runtime.log");
  const std::string text(std::istreambuf_iterator<char>(runtime_log), {});
  CHECK(contains(text, "listening on " + (home / "run/postern.sock").string()));
  CHECK(contains(text, "hello from a bridge client"));
}

TEST_CASE("a running runtime is used, not started again", "[bridge][link]") {
  TempDir home;
  RuntimeProcess runtime({"--runtime-dir", (home / "run").string()},
                         (home / "runtime.log").string());
  REQUIRE(RuntimeProcess::wait_ready(home / "run"));
  SocketRuntimeLink link(options_for(home));
  link.warm_up();
  CHECK_FALSE(link.started_pid().has_value());
  REQUIRE(link.status().connected);
  CHECK(link.hello_ack()["pid"] == static_cast<long>(runtime.pid()));
  runtime.signal(SIGTERM);
  CHECK(runtime.wait() == 0);
}

TEST_CASE("warm_up starts the runtime before anyone asks", "[bridge][link]") {
  TempDir home;
  StopRuntimeAtEnd stop{home};
  SocketRuntimeLink link(options_for(home));
  link.warm_up();
  CHECK(link.started_pid().has_value());
  CHECK(link.status().connected);
}

TEST_CASE("a runtime that stops is noticed; the next status starts a new one", "[bridge][link]") {
  TempDir home;
  StopRuntimeAtEnd stop{home};
  long first_pid = 0;
  {
    RuntimeProcess first({"--runtime-dir", (home / "run").string()}, (home / "first.log").string());
    REQUIRE(RuntimeProcess::wait_ready(home / "run"));
    first_pid = first.pid();
    SocketRuntimeLink without_binary(options_for(home, std::nullopt));
    SocketRuntimeLink link(options_for(home));
    REQUIRE(without_binary.status().connected);
    REQUIRE(link.status().connected);
    first.signal(SIGTERM);
    REQUIRE(first.wait() == 0);
    RuntimeStatus lost = without_binary.status();
    CHECK_FALSE(lost.connected);
    CHECK(lost.code == "RUNTIME_NOT_RUNNING");
    CHECK_FALSE(without_binary.send({{"type", "runtime.relay"}}).has_value());
    RuntimeStatus again = link.status();
    REQUIRE(again.connected);
    REQUIRE(link.started_pid().has_value());
    CHECK(static_cast<long>(*link.started_pid()) != first_pid);
  }
  CHECK(runtime_pid_in(home / "run") != first_pid);
}

TEST_CASE("a runtime the link started is reaped when it exits after the link is gone",
          "[bridge][link]") {
  TempDir home;
  StopRuntimeAtEnd stop{home};
  pid_t pid = 0;
  {
    SocketRuntimeLink link(options_for(home));
    REQUIRE(link.status().connected);
    pid = *link.started_pid();
  }
  // Stopped without waitpid here (stop_runtime_in would reap it itself): only the link's
  // reaper can. A zombie still answers kill(pid, 0); a reaped process is gone (ESRCH).
  ::kill(pid, SIGTERM);
  const auto deadline = Clock::now() + 5s;
  while (::kill(pid, 0) == 0 && Clock::now() < deadline)
    std::this_thread::sleep_for(2ms);
  CHECK(::kill(pid, 0) == -1);
  CHECK(errno == ESRCH);
}

TEST_CASE("a runtime binary that exits at once is reported without waiting it out",
          "[bridge][link]") {
  TempDir home;
  SocketRuntimeLink link(options_for(home, script(home, "dies", "echo boom >&2; exit 3")));
  const auto start = Clock::now();
  RuntimeStatus status = link.status();
  CHECK(Clock::now() - start < 1s);
  CHECK_FALSE(status.connected);
  CHECK(contains(status.message, "exited with status 3 as it started"));
  CHECK(contains(status.message, (home / "run/postern-runtime.log").string()));
  std::ifstream log(home / "run/postern-runtime.log");
  CHECK(std::string(std::istreambuf_iterator<char>(log), {}) == "boom\n");
}

TEST_CASE("a runtime that never opens its socket is given up on after start_timeout",
          "[bridge][link]") {
  TempDir home;
  auto options = options_for(home, script(home, "silent", "exec sleep 5"));
  options.start_timeout = 200ms;
  SocketRuntimeLink link(options);
  const auto start = Clock::now();
  RuntimeStatus status = link.status();
  const auto took = Clock::now() - start;
  CHECK(took >= 200ms);
  CHECK(took < 1s);
  CHECK(contains(status.message,
                 "did not open " + (home / "run/postern.sock").string() + " within 200 ms"));
  REQUIRE(link.started_pid().has_value());
  ::kill(*link.started_pid(), SIGKILL);
  int exit_status = 0;
  ::waitpid(*link.started_pid(), &exit_status, 0);
  // Within kRestartInterval the link does not start it again: status answers at once.
  const auto again = Clock::now();
  CHECK_FALSE(link.status().connected);
  CHECK(Clock::now() - again < 100ms);
}

TEST_CASE("a missing runtime binary is named", "[bridge][link]") {
  TempDir home;
  SocketRuntimeLink link(options_for(home, home / "nowhere/postern-runtime"));
  RuntimeStatus status = link.status();
  CHECK_FALSE(status.connected);
  CHECK(contains(status.message, (home / "nowhere/postern-runtime").string()));
}

TEST_CASE("a hung runtime: RUNTIME_NOT_RESPONDING within the reply timeout, none started",
          "[bridge][link]") {
  TempDir home;
  fs::create_directories(home / "run");
  int listener = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  const std::string path = (home / "run/postern.sock").string();
  std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
  REQUIRE(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(::listen(listener, 4) == 0);
  auto options = options_for(home);
  options.reply_timeout = 100ms;
  SocketRuntimeLink link(options);
  const auto start = Clock::now();
  RuntimeStatus status = link.status();
  CHECK(Clock::now() - start < 1s);
  CHECK_FALSE(status.connected);
  CHECK(status.code == "RUNTIME_NOT_RESPONDING");
  CHECK(contains(status.message, "did not answer hello within 100 ms"));
  CHECK_FALSE(link.started_pid().has_value());
  ::close(listener);
}

TEST_CASE("find_runtime_binary: the override, then beside the bridge", "[bridge][link]") {
  TempDir home;
  auto none = base::fixed_environment({});
  CHECK(find_runtime_binary(base::fixed_environment({{"POSTERN_RUNTIME_BINARY", "/x/rt"}}),
                            home / "postern-bridge") == fs::path("/x/rt"));
  CHECK_FALSE(find_runtime_binary(none, home / "postern-bridge").has_value());
  CHECK_FALSE(find_runtime_binary(none, std::nullopt).has_value());
  script(home, "postern-runtime", "exit 0");
  CHECK(find_runtime_binary(none, home / "postern-bridge") == home / "postern-runtime");
  auto self = current_executable_path();
  REQUIRE(self.has_value());
  CHECK(self->filename() == "bridge_test");
}

TEST_CASE("a relay after the runtime restarted reaches the new one", "[bridge][link]") {
  TempDir home;
  const fs::path run = home / "run";
  SocketRuntimeLink link(options_for(home, std::nullopt));
  RuntimeProcess first({"--runtime-dir", run.string()}, (home / "first.log").string());
  REQUIRE(RuntimeProcess::wait_ready(run));
  REQUIRE(link.status().connected);
  first.signal(SIGTERM);
  REQUIRE(first.wait() == 0);
  RuntimeProcess second({"--runtime-dir", run.string()}, (home / "second.log").string());
  REQUIRE(RuntimeProcess::wait_ready(run));
  REQUIRE(link.send({{"type", "runtime.relay"}, {"id", 2}, {"payload", {}}}).has_value());
  auto ack = next_message(link);
  REQUIRE(ack.has_value());
  CHECK((*ack)["type"] == "relay_ack");
  CHECK(link.hello_ack()["pid"] == static_cast<long>(second.pid()));
  second.signal(SIGTERM);
  CHECK(second.wait() == 0);
}
