#include "runtime/daemon/instance_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "base/files.hpp"
#include "runtime/bridge/runtime_probe.hpp"

namespace postern::daemon {

namespace fs = std::filesystem;

namespace {

std::string errno_text() {
  return std::strerror(errno);
}

// Who a file is: device and inode, plus its change time to the nanosecond, because a file
// created right after another was deleted often gets the same inode number back.
std::optional<std::string> file_identity(const fs::path& path) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) return std::nullopt;
#if defined(__APPLE__)
  const auto nanoseconds = info.st_ctimespec.tv_nsec;
#else
  const auto nanoseconds = info.st_ctim.tv_nsec;
#endif
  return std::to_string(info.st_dev) + ":" + std::to_string(info.st_ino) + ":" +
         std::to_string(info.st_ctime) + "." + std::to_string(nanoseconds);
}

}  // namespace

InstanceLock::InstanceLock(fs::path runtime_dir) : dir_(std::move(runtime_dir)) {}

InstanceLock::~InstanceLock() {
  release();
}

fs::path InstanceLock::socket_file() const {
  return bridge::runtime_socket_file(dir_);
}

fs::path InstanceLock::pid_file() const {
  return bridge::runtime_pid_file(dir_);
}

std::optional<std::string> InstanceLock::prepare_folder() const {
  // A symbolic link could point the socket and pid file anywhere; /tmp/postern-<uid> is in a
  // shared folder, so refuse one instead of following it.
  struct stat info {};
  if (::lstat(dir_.c_str(), &info) == 0 && S_ISLNK(info.st_mode))
    return dir_.string() + " is a symbolic link; remove it and start again";
  if (auto made = base::create_directories(dir_, /*private_dir=*/true); !made)
    return made.error().message;
  if (::lstat(dir_.c_str(), &info) != 0) return "cannot inspect " + dir_.string();
  // Someone else's folder at our path (made first in /tmp) would let them read our socket.
  if (!S_ISDIR(info.st_mode) || info.st_uid != ::geteuid())
    return dir_.string() + " belongs to another user; remove it and start again";
  if ((info.st_mode & 077) != 0)
    return dir_.string() + " is open to other users and could not be made private (0700)";
  return std::nullopt;
}

LockResult InstanceLock::acquire() {
  LockResult result;
  if (fd_ >= 0) return LockResult{LockState::acquired, 0, "", ""};
  if (auto problem = prepare_folder()) {
    result.message = *problem;
    return result;
  }
  const fs::path pid_path = pid_file();
  fd_ = ::open(pid_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd_ < 0) {
    result.message = "cannot open " + pid_path.string() + ": " + errno_text();
    return result;
  }
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const bool held = errno == EWOULDBLOCK;
    result.message = held
                         ? "postern-runtime is already running (it holds " + pid_path.string() + ")"
                         : "cannot lock " + pid_path.string() + ": " + errno_text();
    ::close(fd_);
    fd_ = -1;
    if (!held) return result;
    result.state = LockState::already_running;
    result.running_pid = bridge::read_pid_file(pid_path).value_or(0);
    return result;
  }
  LockResult checked = check_socket();
  if (checked.state != LockState::acquired) {
    ::close(fd_);  // drops the lock; nothing of the other runtime's is touched
    fd_ = -1;
    return checked;
  }
  const std::string text = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, text.data(), text.size(), 0) < 0) {
    result.message = "cannot write " + pid_path.string() + ": " + errno_text();
    ::close(fd_);
    fd_ = -1;
    return result;
  }
  return checked;
}

LockResult InstanceLock::check_socket() {
  LockResult result{LockState::acquired, 0, "", ""};
  const fs::path file = socket_file();
  auto probe = bridge::connect_runtime_socket(file);
  if (probe.fd >= 0) {
    // Someone listens although the lock was free: a runtime whose pid file was deleted.
    ::close(probe.fd);
    result.state = LockState::already_running;
    result.message = "postern-runtime is already running (it listens on " + file.string() + ")";
    return result;
  }
  if (probe.failure == bridge::ConnectFailure::foreign_user) {
    result.state = LockState::failed;
    result.message = probe.detail;
    return result;
  }
  if (probe.failure == bridge::ConnectFailure::refused) {
    // We hold the lock, so no runtime owns this file: one died without cleaning up.
    if (::unlink(file.c_str()) == 0) {
      result.note = "replaced a stale socket left by a runtime that stopped uncleanly";
    } else {
      result.state = LockState::failed;
      result.message = "cannot remove the stale socket " + file.string() + ": " + errno_text();
    }
  }
  return result;
}

void InstanceLock::socket_created() {
  socket_id_ = file_identity(socket_file());
}

bool InstanceLock::socket_still_ours() const {
  return socket_id_ && file_identity(socket_file()) == socket_id_;
}

void InstanceLock::release() {
  if (fd_ < 0) return;
  const fs::path socket = socket_file();
  // Only files that are still ours: the socket we bound, the pid file with our pid.
  if (socket_still_ours()) ::unlink(socket.c_str());
  socket_id_.reset();
  if (bridge::read_pid_file(pid_file()) == static_cast<long>(::getpid()))
    ::unlink(pid_file().c_str());
  // Closing drops the lock last, so a runtime starting now finds no leftovers of ours.
  ::close(fd_);
  fd_ = -1;
}

}  // namespace postern::daemon
