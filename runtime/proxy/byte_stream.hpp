#pragma once
// One side of a relayed connection as the relay sees it: bytes in, bytes out, a timeout for the
// next operation, close. Plain TCP and TLS streams implement it, so the HTTP relay and the
// tunnel are written once for every combination of client and origin (HTTP forward, HTTPS
// intercepted, HTTP inside a tunnel, origins through an upstream proxy).
//
// Errors are returned, never thrown: a reset peer is daily business for a proxy.

#include <chrono>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

// <utility> first: Boost 1.74's awaitable.hpp uses std::exchange without including it.
#include <utility>

#include <boost/asio/awaitable.hpp>
#include <boost/system/error_code.hpp>

namespace postern::proxy {

/// A connected byte stream, used by one coroutine at a time per direction.
class ByteStream {
 public:
  virtual ~ByteStream() = default;
  /// Reads at least one byte into `into`; returns 0 and sets `error` on failure or end of stream.
  virtual boost::asio::awaitable<std::size_t> read_some(std::span<char> into,
                                                        boost::system::error_code& error) = 0;
  /// Writes all of `bytes`; sets `error` on failure.
  virtual boost::asio::awaitable<void> write_all(std::string_view bytes,
                                                 boost::system::error_code& error) = 0;
  /// The longest the next reads and writes may each take; they fail with beast's timeout error.
  virtual void set_timeout(std::chrono::steady_clock::duration timeout) = 0;
  /// Ends the stream politely (TLS close_notify, then the TCP send side), without waiting long.
  virtual boost::asio::awaitable<void> shutdown() = 0;
  /// Closes at once; pending operations fail. Safe to call twice.
  virtual void close() = 0;
  /// True for TLS.
  virtual bool secure() const = 0;
};

}  // namespace postern::proxy
