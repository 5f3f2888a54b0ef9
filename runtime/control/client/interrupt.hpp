#pragma once
// A way to wake a thread that waits on a socket: the event stream's background thread waits in
// poll() for the runtime's next bytes (15 s apart when idle) and must stop at once when its
// owner goes. A self-pipe does that without signals or timeouts: fire() makes fd() readable,
// and every wait of a TcpConnection given this Interrupt polls it next to the socket.
// One header, one source per OS (interrupt_posix.cpp).

#include <atomic>
#include <chrono>

namespace postern::control_client {

/// Fired once, seen by every wait that polls it from then on. Thread-safe.
class Interrupt {
 public:
  /// Makes the pipe; std::system_error when the process has no descriptors left.
  Interrupt();
  Interrupt(const Interrupt&) = delete;
  Interrupt& operator=(const Interrupt&) = delete;
  /// Closes the pipe; nothing may wait on it any more.
  ~Interrupt();

  /// Wakes every wait, now and later. Any thread; firing twice is harmless.
  void fire();
  /// Whether fire() was called.
  bool fired() const { return fired_.load(std::memory_order_acquire); }
  /// Sleeps up to `timeout`; true (at once) when fired meanwhile. For waits between attempts.
  bool wait_for(std::chrono::milliseconds timeout) const;
  /// A descriptor that polls readable once fired.
  int fd() const { return read_fd_; }

 private:
  std::atomic<bool> fired_{false};
  int read_fd_ = -1;
  int write_fd_ = -1;
};

}  // namespace postern::control_client
