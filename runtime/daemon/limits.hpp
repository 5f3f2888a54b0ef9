#pragma once
// The runtime socket's limits, named in one place (practice 13). Each default carries its
// reason; tests pass smaller values through ServerLimits to exercise them in milliseconds.

#include <chrono>
#include <cstddef>

#include "runtime/bridge/runtime_probe.hpp"

namespace postern::daemon {

/// Largest frame a client may send: the bridge relays what the browser sends it, up to the
/// bridge's own inbound cap, so the socket accepts as much (bridge::kMaxSocketFrame).
inline constexpr std::size_t kMaxFrame = bridge::kMaxSocketFrame;
/// Clients at once. One bridge per browser profile plus a few CLI calls need far fewer; the cap
/// keeps a runaway client from using up the daemon's descriptors.
inline constexpr std::size_t kMaxClients = 64;
/// Time a new connection has to say hello. Honest clients send it at once.
inline constexpr std::chrono::milliseconds kHelloTimeout{5000};
/// A connection silent this long is closed. The bridge reconnects on its next message, so this
/// only reclaims connections whose browser went quiet or whose client hung.
inline constexpr std::chrono::milliseconds kIdleTimeout{10 * 60 * 1000};
/// Replies queued for one client before the session stops reading from it (back-pressure): a
/// client that does not read its answers cannot make the runtime buffer without bound.
inline constexpr std::size_t kMaxQueuedFrames = 64;
/// Bytes asked for per read.
inline constexpr std::size_t kReadChunk = 64 * 1024;

/// The limits of one session.
struct SessionLimits {
  std::size_t max_frame = kMaxFrame;                        ///< cap on a client's frame
  std::chrono::milliseconds hello_timeout = kHelloTimeout;  ///< connect -> hello
  std::chrono::milliseconds idle_timeout = kIdleTimeout;    ///< silence after hello
  std::size_t max_queued_frames = kMaxQueuedFrames;         ///< replies waiting to be written
};

/// The limits of the whole server.
struct ServerLimits {
  SessionLimits session;                  ///< per connection
  std::size_t max_clients = kMaxClients;  ///< connections at once
};

}  // namespace postern::daemon
