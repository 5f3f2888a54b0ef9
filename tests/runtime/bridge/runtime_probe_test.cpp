// runtime_status() and the socket helpers under it, against the real postern-runtime and
// against the broken states a user's machine can be in: no runtime, a stale socket, a hung
// listener. Every probe must end within its timeout.
#include "runtime/bridge/runtime_probe.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <fstream>
#include <thread>

#include "../daemon/runtime_process.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using namespace postern::bridge;
using namespace postern::testing;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

// A Unix socket at `path`; listening (but never answering) when `listen` is set.
int bound_socket(const fs::path& path, bool listen) {
  fs::create_directories(path.parent_path());
  int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  if (listen) REQUIRE(::listen(fd, 4) == 0);
  return fd;
}

}  // namespace

TEST_CASE("the socket's files live in the runtime folder", "[bridge][probe]") {
  base::AppPaths paths{"/c", "/d", "/r"};
  CHECK(runtime_socket_file(paths.runtime) == fs::path("/r/postern.sock"));
  CHECK(runtime_pid_file(paths.runtime) == fs::path("/r/postern-runtime.pid"));
  CHECK(runtime_log_file(paths.runtime) == fs::path("/r/postern-runtime.log"));
}

TEST_CASE("no runtime: the reason is socket_missing, code RUNTIME_NOT_RUNNING", "[bridge][probe]") {
  TempDir home;
  base::AppPaths paths{home / "config", home / "data", home / "run"};
  RuntimeProbe probe = runtime_status(paths);
  CHECK_FALSE(probe.running);
  CHECK(probe.failure == ConnectFailure::socket_missing);
  CHECK(to_string(probe.failure) == "socket_missing");
  CHECK(probe.code == "RUNTIME_NOT_RUNNING");
  CHECK(probe.message.find((home / "run/postern.sock").string()) != std::string::npos);
}

TEST_CASE("a stale socket: the reason is refused", "[bridge][probe]") {
  TempDir home;
  ::close(bound_socket(home / "run/postern.sock", /*listen=*/false));
  RuntimeProbe probe = runtime_status_at(home / "run");
  CHECK(probe.failure == ConnectFailure::refused);
  CHECK(probe.code == "RUNTIME_NOT_RUNNING");
}

TEST_CASE("a listener that never answers: timeout, within the bound", "[bridge][probe]") {
  TempDir home;
  const int listener = bound_socket(home / "run/postern.sock", /*listen=*/true);
  const auto start = std::chrono::steady_clock::now();
  RuntimeProbe probe = runtime_status_at(home / "run", 150ms);
  const auto took = std::chrono::steady_clock::now() - start;
  CHECK(probe.failure == ConnectFailure::timeout);
  CHECK(probe.code == "RUNTIME_NOT_RESPONDING");
  CHECK(took >= 140ms);
  CHECK(took < 1s);
  ::close(listener);
}

TEST_CASE("a running runtime: pid, version, start time, uptime", "[bridge][probe]") {
  TempDir home;
  const fs::path run = home / "run";
  RuntimeProcess runtime({"--runtime-dir", run.string()}, (home / "runtime.log").string());
  REQUIRE(RuntimeProcess::wait_ready(run));
  RuntimeProbe probe = runtime_status_at(run);
  CHECK(probe.running);
  CHECK(probe.failure == ConnectFailure::none);
  CHECK(probe.code.empty());
  CHECK(probe.pid == static_cast<long>(runtime.pid()));
  CHECK(probe.version == "0.1.0");
  CHECK(probe.started_at.size() == 20);
  CHECK(probe.uptime_s >= 0);
  CHECK(probe.clients == 1);  // the probe itself
  CHECK(probe.message.find("is running (pid ") != std::string::npos);
  CHECK(request_runtime_shutdown(run, 2s).has_value());
  CHECK(runtime.wait() == 0);
  CHECK(runtime_status_at(run).failure == ConnectFailure::socket_missing);
}

TEST_CASE("shutdown with nothing running is already done", "[bridge][probe]") {
  TempDir home;
  CHECK(request_runtime_shutdown(home / "run", 100ms).has_value());
}

TEST_CASE("peer_user_id is this user on a local socket pair", "[bridge][probe]") {
  int fds[2];
  REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
  CHECK(peer_user_id(fds[0]) == static_cast<unsigned long>(::geteuid()));
  ::close(fds[0]);
  ::close(fds[1]);
  CHECK_FALSE(peer_user_id(-1).has_value());
}

TEST_CASE("frames in and out with deadlines: end, need_more, frame", "[bridge][probe]") {
  int fds[2];
  REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds) == 0);
  const auto soon = std::chrono::steady_clock::now() + 50ms;
  FrameDecoder decoder(kMaxSocketFrame);
  CHECK(read_frame_until(fds[1], decoder, soon).kind == FrameEvent::Kind::need_more);
  REQUIRE(write_frame_until(fds[0], encode_frame(R"({"type":"x"})").value(), soon));
  FrameEvent event = read_frame_until(fds[1], decoder, std::chrono::steady_clock::now());
  REQUIRE(event.kind == FrameEvent::Kind::frame);
  CHECK(event.message["type"] == "x");
  ::close(fds[0]);
  CHECK(read_frame_until(fds[1], decoder, soon).kind == FrameEvent::Kind::end);
  CHECK_FALSE(write_frame_until(fds[1], "data", soon));  // EPIPE, not SIGPIPE
  ::close(fds[1]);
}

TEST_CASE("failure codes for every reason", "[bridge][probe]") {
  CHECK(failure_code(ConnectFailure::none).empty());
  CHECK(failure_code(ConnectFailure::socket_missing) == "RUNTIME_NOT_RUNNING");
  CHECK(failure_code(ConnectFailure::refused) == "RUNTIME_NOT_RUNNING");
  CHECK(failure_code(ConnectFailure::other) == "RUNTIME_NOT_RUNNING");
  CHECK(failure_code(ConnectFailure::timeout) == "RUNTIME_NOT_RESPONDING");
  CHECK(failure_code(ConnectFailure::protocol) == "RUNTIME_NOT_RESPONDING");
  CHECK(failure_code(ConnectFailure::foreign_user) == "RUNTIME_FOREIGN_SOCKET");
  CHECK(to_string(ConnectFailure::foreign_user) == "foreign_user");
}

TEST_CASE("a socket path too long for sun_path is a reason, not a crash", "[bridge][probe]") {
  auto connection = connect_runtime_socket(fs::path("/tmp") / std::string(200, 'x'));
  CHECK(connection.fd == -1);
  CHECK(connection.failure == ConnectFailure::other);
  CHECK(connection.detail.find("longer than a socket path") != std::string::npos);
}

TEST_CASE("a socket served by another user is refused: RUNTIME_FOREIGN_SOCKET", "[bridge][probe]") {
  // Needs root to run a listener as someone else (the squatted /tmp/postern-<uid> case).
  // SUCCEED keeps ctest's --warn NoAssertions from failing the skip.
  if (::geteuid() != 0) {
    SUCCEED("skipped: needs root to listen as another user");
    return;
  }
  TempDir home;
  const fs::path run = home / "run";
  fs::create_directories(run);
  ::chmod(home.path().c_str(), 0777);
  ::chmod(run.c_str(), 0777);
  int ready[2];
  REQUIRE(::pipe(ready) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {  // only async-signal-safe calls until _exit
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(1);
    int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const std::string path = (run / "postern.sock").string();
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) ::_exit(2);
    ::chmod(path.c_str(), 0777);
    ::listen(fd, 4);
    (void)!::write(ready[1], "x", 1);
    ::sleep(10);
    ::_exit(0);
  }
  char byte = 0;
  REQUIRE(::read(ready[0], &byte, 1) == 1);
  RuntimeProbe probe = runtime_status_at(run);
  CHECK(probe.failure == ConnectFailure::foreign_user);
  CHECK(probe.code == "RUNTIME_FOREIGN_SOCKET");
  CHECK(probe.message.find("user id 65534") != std::string::npos);
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  ::close(ready[0]);
  ::close(ready[1]);
}

TEST_CASE("read_pid_file reads a number and nothing else", "[bridge][probe]") {
  TempDir home;
  CHECK_FALSE(read_pid_file(home / "missing.pid").has_value());
  std::ofstream(home / "junk.pid") << "not a pid";
  CHECK_FALSE(read_pid_file(home / "junk.pid").has_value());
  std::ofstream(home / "zero.pid") << "0\n";
  CHECK_FALSE(read_pid_file(home / "zero.pid").has_value());
  std::ofstream(home / "good.pid") << "1234\n";
  CHECK(read_pid_file(home / "good.pid") == 1234);
}

TEST_CASE("wait_for_runtime_exit waits while the pid file is locked, and no longer",
          "[bridge][probe]") {
  TempDir home;
  const fs::path run = home / "run";
  CHECK(wait_for_runtime_exit(run, std::chrono::steady_clock::now()));  // no folder at all
  fs::create_directories(run);
  // The lock a live runtime holds (runtime/daemon/instance_lock.hpp), taken on another open
  // file description, which flock() treats as another owner.
  const int held = ::open(runtime_pid_file(run).c_str(), O_RDWR | O_CREAT, 0600);
  REQUIRE(held >= 0);
  REQUIRE(::flock(held, LOCK_EX) == 0);
  const auto start = std::chrono::steady_clock::now();
  CHECK_FALSE(wait_for_runtime_exit(run, start + 150ms));
  CHECK(std::chrono::steady_clock::now() - start >= 150ms);
  std::thread exits([held] {
    std::this_thread::sleep_for(50ms);
    ::close(held);  // what the kernel does when the runtime exits
  });
  CHECK(wait_for_runtime_exit(run, std::chrono::steady_clock::now() + 5s));
  exits.join();
  // The wait takes no lock of its own that would keep the next runtime out.
  const int next = ::open(runtime_pid_file(run).c_str(), O_RDWR);
  CHECK(::flock(next, LOCK_EX | LOCK_NB) == 0);
  ::close(next);
}
