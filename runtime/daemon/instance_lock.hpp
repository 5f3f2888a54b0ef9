#pragma once
// One runtime per runtime folder. The runtime holds an exclusive flock() on its pid file for as
// long as it lives; the kernel drops the lock when the process dies, even by SIGKILL, so "the
// lock is free" reliably means "no runtime owns this folder" and any socket file left there is
// stale. A second runtime, or two started by two bridges at once, sees the lock taken and says
// "already running". The socket is probed too, for a runtime whose pid file someone deleted.
// No Asio here: these are plain file operations, run before the io_context exists.

#include <filesystem>
#include <optional>
#include <string>

namespace postern::daemon {

/// How acquire() ended.
enum class LockState {
  acquired,         ///< this process owns the folder; the pid file holds its pid
  already_running,  ///< another runtime owns it: exit 0, the job is done
  failed,           ///< the folder is unusable (not ours, not private, not writable)
};

/// The outcome of InstanceLock::acquire().
struct LockResult {
  LockState state = LockState::failed;  ///< what happened
  long running_pid = 0;  ///< already_running: the other runtime's pid, 0 when unknown
  std::string message;   ///< already_running / failed: a sentence naming the file or folder
  std::string note;      ///< acquired: what was cleaned up (a stale socket), or empty
};

/// The runtime folder's pid file lock, the stale-socket cleanup and the removal at exit.
class InstanceLock {
 public:
  /// A lock for `runtime_dir` (`<runtime>`), not yet taken.
  explicit InstanceLock(std::filesystem::path runtime_dir);
  /// release().
  ~InstanceLock();
  InstanceLock(const InstanceLock&) = delete;
  InstanceLock& operator=(const InstanceLock&) = delete;

  /// Makes the folder (0700) and checks it is ours and private, takes the lock, removes a stale
  /// socket, and writes this process's pid into the pid file.
  LockResult acquire();
  /// Call after binding the socket: remembers its identity, so release() removes only ours.
  void socket_created();
  /// True while the socket file is the one this process bound (socket_created()): false once
  /// it was removed, with or without its folder, or replaced by another.
  bool socket_still_ours() const;
  /// Removes our socket and pid file and drops the lock. Safe to call twice.
  void release();

  /// `<runtime>/postern.sock`.
  std::filesystem::path socket_file() const;
  /// `<runtime>/postern-runtime.pid`.
  std::filesystem::path pid_file() const;

 private:
  std::optional<std::string> prepare_folder() const;
  LockResult check_socket();

  std::filesystem::path dir_;
  int fd_ = -1;                           // the open, locked pid file
  std::optional<std::string> socket_id_;  // device, inode and change time of our socket
};

}  // namespace postern::daemon
