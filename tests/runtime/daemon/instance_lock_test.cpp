// One runtime per folder: the pid-file lock, the stale socket that is replaced, the live one
// that is not, the folder checks, and removal of only our own files at exit.
#include "runtime/daemon/instance_lock.hpp"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstring>

#include "runtime/bridge/runtime_probe.hpp"
#include "support/temp_dir.hpp"

using namespace postern::daemon;
using postern::testing::TempDir;
namespace fs = std::filesystem;

namespace {

// A Unix socket bound at `path`; listening when `listen` is set. Returns the descriptor.
int bound_socket(const fs::path& path, bool listen) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  if (listen) REQUIRE(::listen(fd, 4) == 0);
  return fd;
}

mode_t mode_of(const fs::path& path) {
  struct stat info {};
  REQUIRE(::lstat(path.c_str(), &info) == 0);
  return info.st_mode & 0777;
}

}  // namespace

TEST_CASE("acquire makes a private folder and a pid file; release removes it", "[daemon][lock]") {
  TempDir home;
  const fs::path run = home / "run";
  InstanceLock lock(run);
  LockResult result = lock.acquire();
  REQUIRE(result.state == LockState::acquired);
  CHECK(result.note.empty());
  CHECK(mode_of(run) == 0700);
  CHECK(mode_of(lock.pid_file()) == 0600);
  CHECK(postern::bridge::read_pid_file(lock.pid_file()) == static_cast<long>(::getpid()));
  lock.release();
  CHECK_FALSE(fs::exists(lock.pid_file()));
  lock.release();  // twice is fine
}

TEST_CASE("a second lock on the same folder says already running, with the pid", "[daemon][lock]") {
  TempDir home;
  InstanceLock first(home / "run");
  REQUIRE(first.acquire().state == LockState::acquired);
  InstanceLock second(home / "run");
  LockResult result = second.acquire();
  CHECK(result.state == LockState::already_running);
  CHECK(result.running_pid == static_cast<long>(::getpid()));
  CHECK(result.message.find("already running") != std::string::npos);
  second.release();  // must not remove the first one's pid file
  CHECK(fs::exists(first.pid_file()));
}

TEST_CASE("a stale socket is replaced; release removes only the socket we made", "[daemon][lock]") {
  TempDir home;
  fs::create_directories(home / "run");
  InstanceLock lock(home / "run");
  ::close(bound_socket(lock.socket_file(), /*listen=*/false));  // the file stays: stale
  LockResult result = lock.acquire();
  REQUIRE(result.state == LockState::acquired);
  CHECK(result.note.find("stale socket") != std::string::npos);
  CHECK_FALSE(fs::exists(lock.socket_file()));
  SECTION("ours is removed") {
    ::close(bound_socket(lock.socket_file(), false));
    lock.socket_created();
    lock.release();
    CHECK_FALSE(fs::exists(lock.socket_file()));
  }
  SECTION("one that replaced ours is left alone") {
    ::close(bound_socket(lock.socket_file(), false));
    lock.socket_created();
    fs::remove(lock.socket_file());
    ::close(bound_socket(lock.socket_file(), false));
    lock.release();
    CHECK(fs::exists(lock.socket_file()));
  }
}

TEST_CASE("socket_still_ours: true for the socket we bound, false once removed or replaced",
          "[daemon][lock]") {
  TempDir home;
  InstanceLock lock(home / "run");
  REQUIRE(lock.acquire().state == LockState::acquired);
  CHECK_FALSE(lock.socket_still_ours());  // nothing bound yet
  ::close(bound_socket(lock.socket_file(), false));
  lock.socket_created();
  CHECK(lock.socket_still_ours());
  SECTION("removed") {
    fs::remove(lock.socket_file());
    CHECK_FALSE(lock.socket_still_ours());
  }
  SECTION("replaced by another runtime's") {
    fs::remove(lock.socket_file());
    ::close(bound_socket(lock.socket_file(), false));
    CHECK_FALSE(lock.socket_still_ours());
  }
  SECTION("its whole folder deleted") {
    fs::remove_all(home / "run");
    CHECK_FALSE(lock.socket_still_ours());
  }
}

TEST_CASE("a live socket without a pid file means already running, and is left alone",
          "[daemon][lock]") {
  TempDir home;
  fs::create_directories(home / "run");
  InstanceLock lock(home / "run");
  const int listener = bound_socket(lock.socket_file(), /*listen=*/true);
  LockResult result = lock.acquire();
  CHECK(result.state == LockState::already_running);
  CHECK(result.message.find("listens on") != std::string::npos);
  CHECK(fs::exists(lock.socket_file()));
  ::close(listener);
}

TEST_CASE("a folder open to others is made private", "[daemon][lock]") {
  TempDir home;
  fs::create_directories(home / "run");
  fs::permissions(home / "run", fs::perms::all);
  InstanceLock lock(home / "run");
  CHECK(lock.acquire().state == LockState::acquired);
  CHECK(mode_of(home / "run") == 0700);
}

TEST_CASE("a symbolic link as the folder is refused", "[daemon][lock]") {
  TempDir home;
  fs::create_directories(home / "elsewhere");
  fs::create_directory_symlink(home / "elsewhere", home / "run");
  InstanceLock lock(home / "run");
  LockResult result = lock.acquire();
  CHECK(result.state == LockState::failed);
  CHECK(result.message.find("symbolic link") != std::string::npos);
  CHECK_FALSE(fs::exists(home / "elsewhere/postern-runtime.pid"));
}

TEST_CASE("a folder owned by another user is refused", "[daemon][lock]") {
  // Needs root to make a folder someone else owns (the squatted /tmp/postern-<uid> case).
  // SUCCEED keeps ctest's --warn NoAssertions from failing the skip.
  if (::geteuid() != 0) {
    SUCCEED("skipped: needs root to give a folder to another user");
    return;
  }
  TempDir home;
  fs::create_directories(home / "run");
  REQUIRE(::chown((home / "run").c_str(), 65534, 65534) == 0);
  InstanceLock lock(home / "run");
  LockResult result = lock.acquire();
  CHECK(result.state == LockState::failed);
  CHECK(result.message.find("another user") != std::string::npos);
}
