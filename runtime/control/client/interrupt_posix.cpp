#include "runtime/control/client/interrupt.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

namespace postern::control_client {

Interrupt::Interrupt() {
  int fds[2];
  // pipe() and fcntl() rather than Linux's pipe2(), so macOS builds the same file.
  if (::pipe(fds) != 0)
    throw std::system_error(errno, std::generic_category(), "cannot make the interrupt pipe");
  read_fd_ = fds[0];
  write_fd_ = fds[1];
  // Non-blocking: fire() must never block its caller (a destructor on the GUI thread). The pipe
  // is never drained: one byte keeps it readable for every later wait.
  for (int fd : fds) {
    ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL, 0) | O_NONBLOCK);
  }
}

Interrupt::~Interrupt() {
  ::close(read_fd_);
  ::close(write_fd_);
}

void Interrupt::fire() {
  if (fired_.exchange(true, std::memory_order_acq_rel)) return;
  const char byte = 1;
  // A full pipe (impossible with one byte) or EINTR would only delay nothing: fired_ is set,
  // and waits check it before they poll.
  while (::write(write_fd_, &byte, 1) < 0 && errno == EINTR) {
  }
}

bool Interrupt::wait_for(std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!fired()) {
    const auto left =
        std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd entry{read_fd_, POLLIN, 0};
    ::poll(&entry, 1, static_cast<int>(std::min<long long>(left.count(), 60'000)));
  }
  return true;
}

}  // namespace postern::control_client
