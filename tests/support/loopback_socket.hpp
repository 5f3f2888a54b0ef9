#pragma once
// The socket steps every loopback test server repeats (POSIX): listen on 127.0.0.1 at a port the
// kernel picks, wait for a socket to become readable while watching a stop flag, and find a port
// nothing listens on.

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>

namespace postern::testing {

/// A listening socket on 127.0.0.1 at a free port (written to `port`); -1 when none could be made.
inline int listen_on_loopback(unsigned short& port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::listen(fd, 16);
  socklen_t size = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  port = ntohs(address.sin_port);
  return fd;
}

/// Waits until `fd` is readable; false once `stopping` is set (seen within 20 ms).
inline bool wait_readable(int fd, const std::atomic<bool>& stopping) {
  pollfd entry{fd, POLLIN, 0};
  while (!stopping) {
    if (::poll(&entry, 1, 20) > 0) return true;
  }
  return false;
}

/// A port on 127.0.0.1 that nothing listens on (bound, then closed).
inline unsigned short closed_loopback_port() {
  unsigned short port = 0;
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t size = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  port = ntohs(address.sin_port);
  ::close(fd);
  return port;
}

}  // namespace postern::testing
