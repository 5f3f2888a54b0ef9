#pragma once
// One client connection's HTTP/1.1 traffic, request after request (keep-alive, pipelining):
// each request is routed (an origin, the proxy's own page, or refused), relayed to its origin
// over a connection kept open for the next request to the same origin, and its response
// relayed back, bodies streaming both ways. The sans-I/O core (MessageReader, forwarding,
// framing) makes every decision; this class only moves bytes and reports to the hooks.
//
// A relay serves either a proxy client (absolute-form requests, and CONNECT, which it hands
// back to its caller) or the inside of a tunnel whose origin is fixed (intercepted HTTPS, plain
// HTTP sent through CONNECT).

#include <memory>
#include <optional>
#include <string>

#include <boost/asio/any_io_executor.hpp>
// <utility> first: Boost 1.74's awaitable.hpp uses std::exchange without including it.
#include <utility>

#include <boost/asio/awaitable.hpp>

#include "runtime/proxy/byte_stream.hpp"
#include "runtime/proxy/exchange_tracker.hpp"
#include "runtime/proxy/input_buffer.hpp"
#include "runtime/proxy/message_reader.hpp"
#include "runtime/proxy/origin.hpp"
#include "runtime/proxy/proxy_context.hpp"
#include "runtime/proxy/request_routing.hpp"
#include "runtime/proxy/upstream_connector.hpp"

namespace postern::proxy {

/// Why a relay returned.
struct RelayEnd {
  /// The client asked for a tunnel (CONNECT; proxy clients only). The caller answers it.
  std::optional<RequestHead> connect;
  /// Bytes the client sent after the CONNECT head, already read.
  std::string leftover;
};

/// Relays one client connection.
class HttpRelay {
 public:
  /// A relay for `client` (peer `client_address`); `tunnel_origin` set for a tunnel's inside.
  HttpRelay(ProxyContext& context, boost::asio::any_io_executor executor,
            std::shared_ptr<ByteStream> client, std::string client_address,
            std::optional<Origin> tunnel_origin);

  /// Serves requests until the client leaves, an error ends the connection, or a CONNECT
  /// arrives. `already_read` holds bytes the client sent before the relay took over.
  boost::asio::awaitable<RelayEnd> run(std::string already_read);

 private:
  boost::asio::awaitable<MessageEvent> read_request_head(bool first);
  boost::asio::awaitable<bool> serve_page(const RequestHead& request, const RoutedRequest& routed);
  boost::asio::awaitable<bool> relay_exchange(const RequestHead& request,
                                              const RoutedRequest& routed);
  boost::asio::awaitable<bool> ensure_upstream(const Origin& origin, ExchangeTracker& tracker,
                                               bool& reused);
  boost::asio::awaitable<bool> send_request_head(const RequestHead& request,
                                                 const RoutedRequest& routed);
  boost::asio::awaitable<MessageEvent> read_response_head(const RequestHead& request,
                                                          boost::system::error_code& error,
                                                          bool& received);
  boost::asio::awaitable<bool> relay_response(const RequestHead& request, ExchangeTracker& tracker,
                                              bool client_keep);
  boost::asio::awaitable<bool> relay_switched_protocols(ExchangeTracker& tracker);
  boost::asio::awaitable<bool> answer_failure(const UpstreamFailure& failure,
                                              ExchangeTracker& tracker);
  boost::asio::awaitable<void> send_to_client(std::string_view bytes,
                                              boost::system::error_code& error);
  boost::asio::awaitable<bool> drain_request_body();

  ProxyContext& context_;
  boost::asio::any_io_executor executor_;
  std::shared_ptr<ByteStream> client_;
  std::string client_address_;
  std::optional<Origin> tunnel_origin_;
  InputBuffer client_input_;
  MessageReader requests_;
  std::optional<UpstreamConnection> upstream_;
  InputBuffer upstream_input_;
  std::optional<MessageReader> responses_;
};

}  // namespace postern::proxy
