#include "runtime/proxy/upstream_connector.hpp"

#include <chrono>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include "runtime/proxy/input_buffer.hpp"
#include "runtime/proxy/message_reader.hpp"
#include "runtime/proxy/tcp_byte_stream.hpp"
#include "runtime/proxy/tls_byte_stream.hpp"

namespace postern::proxy {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

ConnectOutcome failed(UpstreamFailure failure) {
  return ConnectOutcome{std::nullopt, failure};
}

std::string endpoint_text(const tcp::endpoint& endpoint) {
  const auto address = endpoint.address();
  const std::string host = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
  return host + ":" + std::to_string(endpoint.port());
}

// Asks the upstream proxy for a tunnel to `origin`. Empty on success, else the proxy's status
// line or the I/O error, for the failure page.
asio::awaitable<std::string> open_proxy_tunnel(beast::tcp_stream& stream, const Origin& origin,
                                               const UpstreamProxy& proxy,
                                               boost::system::error_code& error) {
  std::string request =
      "CONNECT " + origin.authority() + " HTTP/1.1\r\nHost: " + origin.authority() + "\r\n";
  if (!proxy.authorization.empty())
    request += "Proxy-Authorization: " + proxy.authorization + "\r\n";
  request += "\r\n";
  co_await asio::async_write(stream, asio::buffer(request),
                             asio::redirect_error(asio::use_awaitable, error));
  if (error) co_return error.message();
  MessageReader reader(Side::response);
  reader.expect_response_to("CONNECT");
  InputBuffer input;
  for (;;) {
    const MessageEvent event = reader.next(input.view());
    input.consume(event.consumed);
    if (event.kind == MessageEvent::Kind::head) break;
    if (event.kind == MessageEvent::Kind::error) co_return event.error.detail;
    const std::span<char> space = input.prepare();
    const std::size_t n = co_await stream.async_read_some(
        asio::buffer(space.data(), space.size()), asio::redirect_error(asio::use_awaitable, error));
    if (error) co_return "the proxy closed the connection: " + error.message();
    input.commit(n);
  }
  const ResponseHead& head = reader.response();
  if (head.status / 100 == 2) co_return std::string();
  co_return "HTTP " + std::to_string(head.status) + " " + head.reason;
}

}  // namespace

asio::awaitable<ConnectOutcome> connect_upstream(ProxyContext& context,
                                                 asio::any_io_executor executor,
                                                 const Origin& origin) {
  const ProxyOptions& options = context.options();
  const std::string route_scheme = origin.scheme == "http" ? "http" : "https";
  std::optional<UpstreamProxy> proxy;
  if (options.upstream_proxy)
    proxy = options.upstream_proxy(route_scheme, origin.host, origin.port);
  const std::string dial_host = proxy ? proxy->host : origin.host;
  const std::uint16_t dial_port = proxy ? proxy->port : origin.port;
  const std::string dial_name = proxy ? "the upstream proxy " + dial_host + ":" +
                                            std::to_string(dial_port) + " (" + proxy->description +
                                            ")"
                                      : origin.authority();

  const Clock::time_point start = Clock::now();
  boost::system::error_code error;
  tcp::resolver resolver(executor);
  const auto endpoints = co_await resolver.async_resolve(
      dial_host, std::to_string(dial_port), asio::redirect_error(asio::use_awaitable, error));
  if (error) co_return failed(classify_upstream_failure(UpstreamStep::resolve, error, dial_name));

  beast::tcp_stream tcp_stream(executor);
  tcp_stream.expires_after(options.timeouts.connect);
  const tcp::endpoint connected = co_await tcp_stream.async_connect(
      endpoints, asio::redirect_error(asio::use_awaitable, error));
  if (error) co_return failed(classify_upstream_failure(UpstreamStep::connect, error, dial_name));
  tcp_stream.socket().set_option(tcp::no_delay(true), error);

  UpstreamConnection connection;
  connection.origin = origin;
  connection.server_address = endpoint_text(connected);
  if (proxy && origin.scheme == "http") {
    connection.absolute_form = true;
    connection.proxy_authorization = proxy->authorization;
  } else if (proxy) {
    const std::string refused = co_await open_proxy_tunnel(tcp_stream, origin, *proxy, error);
    if (!refused.empty())
      co_return failed(classify_upstream_failure(UpstreamStep::proxy_connect, error,
                                                 origin.authority(), refused));
  }
  connection.connect_ms = ms_since(start);

  if (origin.scheme != "https") {
    connection.stream = std::make_shared<TcpByteStream>(tcp_stream.release_socket());
    co_return ConnectOutcome{std::move(connection), {}};
  }
  const Clock::time_point handshake_start = Clock::now();
  auto tls = std::make_shared<TlsByteStream>(tcp_stream.release_socket(),
                                             context.upstream_tls().context());
  context.upstream_tls().prepare(tls->native_handle(),
                                 origin.tls_name.empty() ? origin.host : origin.tls_name);
  tls->set_timeout(options.timeouts.tls_handshake);
  co_await tls->connect(error);
  if (error)
    co_return failed(classify_upstream_failure(UpstreamStep::tls, error, origin.authority(),
                                               UpstreamTls::verify_failure(tls->native_handle())));
  connection.tls_ms = ms_since(handshake_start);
  connection.stream = std::move(tls);
  co_return ConnectOutcome{std::move(connection), {}};
}

}  // namespace postern::proxy
