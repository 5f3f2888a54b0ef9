#include "runtime/proxy/client_session.hpp"

#include <exception>

#include "runtime/proxy/client_hello.hpp"
#include "runtime/proxy/http_relay.hpp"
#include "runtime/proxy/tcp_byte_stream.hpp"
#include "runtime/proxy/tls_byte_stream.hpp"
#include "runtime/proxy/tunnel.hpp"

namespace postern::proxy {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

constexpr std::string_view kTunnelEstablished = "HTTP/1.1 200 Connection established\r\n\r\n";

// Keeps the open-connection count right however the session ends.
struct OpenConnection {
  explicit OpenConnection(ProxyCounters& shared) : counters(shared) {
    ++counters.connections;
    ++counters.open_connections;
  }
  ~OpenConnection() { --counters.open_connections; }
  ProxyCounters& counters;
};

std::string peer_of(const tcp::socket& socket) {
  boost::system::error_code error;
  const tcp::endpoint peer = socket.remote_endpoint(error);
  if (error) return "unknown";
  const auto address = peer.address();
  return (address.is_v6() ? "[" + address.to_string() + "]" : address.to_string()) + ":" +
         std::to_string(peer.port());
}

// Reads the tunnel's first bytes until they say what they are.
asio::awaitable<TunnelProtocol> sniff(ProxyContext& context, TcpByteStream& client,
                                      InputBuffer& input, ClientHello& hello) {
  for (;;) {
    const TunnelProtocol protocol = sniff_tunnel(input.view(), hello);
    if (protocol != TunnelProtocol::need_more) co_return protocol;
    client.set_timeout(context.options().timeouts.request_head);
    boost::system::error_code error;
    const std::size_t n = co_await client.read_some(input.prepare(), error);
    if (error) co_return TunnelProtocol::need_more;  // the client left before saying anything
    input.commit(n);
  }
}

asio::awaitable<void> pass_through(ProxyContext& context, asio::any_io_executor executor,
                                   std::shared_ptr<TcpByteStream> client, const Origin& origin,
                                   std::string first_bytes) {
  ++context.counters().tunnelled;
  const Origin tunnel{"tunnel", origin.host, origin.port, {}};
  ConnectOutcome outcome = co_await connect_upstream(context, executor, tunnel);
  if (!outcome.connection) {
    context.log("tunnel to " + origin.authority() + " failed: " + outcome.failure.message);
    client->close();
    co_return;
  }
  co_await run_tunnel(executor, client, outcome.connection->stream, std::move(first_bytes), {},
                      context.options().timeouts.tunnel_idle);
}

asio::awaitable<void> intercept(ProxyContext& context, asio::any_io_executor executor,
                                std::shared_ptr<TcpByteStream> client, std::string client_address,
                                Origin origin, const ClientHello& hello, std::string first_bytes) {
  const std::string name = hello.server_name.empty() ? origin.host : hello.server_name;
  auto tls =
      std::make_shared<TlsByteStream>(client->release_socket(), context.interception()->context());
  if (auto presented = context.interception()->present(tls->native_handle(), name); !presented) {
    context.log("cannot intercept " + name + ": " + presented.error().message);
    tls->close();
    co_return;
  }
  tls->set_timeout(context.options().timeouts.tls_handshake);
  boost::system::error_code error;
  co_await tls->accept(first_bytes, error);
  if (error) {
    ++context.counters().client_tls_failures;
    context.log("the client " + client_address + " ended the TLS handshake for " + name + " (" +
                error.message() +
                "): it does not trust the Postern CA yet; see http://postern.proxy/ or run "
                "`postern doctor`, or add the host to the pass-through list");
    tls->close();
    co_return;
  }
  ++context.counters().intercepted;
  origin.scheme = "https";
  origin.tls_name = name;
  HttpRelay relay(context, executor, tls, std::move(client_address), origin);
  co_await relay.run({});
}

asio::awaitable<void> serve_tunnel(ProxyContext& context, asio::any_io_executor executor,
                                   std::shared_ptr<TcpByteStream> client,
                                   std::string client_address, const RequestHead& connect,
                                   std::string leftover) {
  boost::system::error_code error;
  client->set_timeout(context.options().timeouts.transfer);
  co_await client->write_all(kTunnelEstablished, error);
  if (error) co_return;
  InputBuffer input;
  input.append(leftover);
  ClientHello hello;
  const TunnelProtocol protocol = co_await sniff(context, *client, input, hello);
  if (protocol == TunnelProtocol::need_more) co_return;
  const Origin origin{"http", connect.target.host, connect.target.port, {}};
  if (protocol == TunnelProtocol::http) {
    HttpRelay relay(context, executor, client, std::move(client_address), origin);
    co_await relay.run(input.take());
    co_return;
  }
  const PassThroughList& pass = context.pass_through();
  const bool intercepted = protocol == TunnelProtocol::tls && context.interception() &&
                           !pass.contains(origin.host) &&
                           !(hello.complete && pass.contains(hello.server_name));
  if (!intercepted) {
    co_await pass_through(context, executor, client, origin, input.take());
    co_return;
  }
  co_await intercept(context, executor, client, std::move(client_address), origin, hello,
                     input.take());
}

asio::awaitable<void> serve(ProxyContext& context, tcp::socket socket) {
  OpenConnection open(context.counters());
  const asio::any_io_executor executor = socket.get_executor();
  std::string client_address = peer_of(socket);
  boost::system::error_code ignored;
  socket.set_option(tcp::no_delay(true), ignored);
  auto client = std::make_shared<TcpByteStream>(std::move(socket));
  RelayEnd end;
  {
    HttpRelay relay(context, executor, client, client_address, std::nullopt);
    end = co_await relay.run({});
  }
  if (end.connect)
    co_await serve_tunnel(context, executor, client, std::move(client_address), *end.connect,
                          std::move(end.leftover));
}

}  // namespace

asio::awaitable<void> serve_client(ProxyContext& context, tcp::socket socket) {
  try {
    co_await serve(context, std::move(socket));
  } catch (const std::exception& e) {
    // Practice 7's boundary: a broken invariant ends one connection, never the proxy.
    context.log(std::string("connection ended by an internal error: ") + e.what());
  }
}

}  // namespace postern::proxy
