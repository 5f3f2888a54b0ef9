#include "runtime/proxy/http_relay.hpp"

#include <chrono>

#include <boost/asio/error.hpp>

#include "runtime/proxy/body_pump.hpp"
#include "runtime/proxy/connection_header.hpp"
#include "runtime/proxy/expect_continue.hpp"
#include "runtime/proxy/forwarding.hpp"
#include "runtime/proxy/head_serializer.hpp"
#include "runtime/proxy/proxy_pages.hpp"
#include "runtime/proxy/tunnel.hpp"

namespace postern::proxy {
namespace {

namespace asio = boost::asio;
using Kind = MessageEvent::Kind;

bool client_keeps_alive(const RequestHead& request) {
  return keeps_alive(request.version, parse_connection_options(request.fields));
}

// The text of a refusal: the error category's sentence, never the offending bytes.
std::string refusal_text(const HttpError& error) {
  return "the proxy refused the request: " + error.code.message() + "\n";
}

}  // namespace

HttpRelay::HttpRelay(ProxyContext& context, asio::any_io_executor executor,
                     std::shared_ptr<ByteStream> client, std::string client_address,
                     std::optional<Origin> tunnel_origin)
    : context_(context),
      executor_(std::move(executor)),
      client_(std::move(client)),
      client_address_(std::move(client_address)),
      tunnel_origin_(std::move(tunnel_origin)),
      requests_(Side::request, context.options().head_limits) {}

asio::awaitable<RelayEnd> HttpRelay::run(std::string already_read) {
  client_input_.append(already_read);
  bool first = true;
  for (;;) {
    const MessageEvent event = co_await read_request_head(first);
    first = false;
    if (event.kind == Kind::error) {
      boost::system::error_code ignored;
      const std::string refusal = simple_response(event.error.status, refusal_text(event.error));
      co_await send_to_client(refusal, ignored);
    }
    if (event.kind != Kind::head) break;
    const RequestHead request = requests_.request();
    if (request.method == "CONNECT") {
      if (!tunnel_origin_) co_return RelayEnd{request, client_input_.take()};
      boost::system::error_code ignored;
      const std::string refusal = simple_response(400, "CONNECT inside a tunnel is not relayed\n");
      co_await send_to_client(refusal, ignored);
      break;
    }
    RoutedRequest routed = route_request(request, tunnel_origin_, context_.listening_port());
    if (routed.kind == RoutedRequest::Kind::origin &&
        context_.is_own_lan_address(routed.origin.host, routed.origin.port))
      routed.kind = RoutedRequest::Kind::page;  // the proxy by its LAN address: no loop
    bool keep = false;
    if (routed.kind == RoutedRequest::Kind::page) {
      keep = co_await serve_page(request, routed);
    } else if (routed.kind == RoutedRequest::Kind::origin) {
      keep = co_await relay_exchange(request, routed);
    } else {
      boost::system::error_code ignored;
      const std::string refusal = simple_response(400, routed.message + "\n");
      co_await send_to_client(refusal, ignored);
    }
    if (!keep) break;
  }
  upstream_.reset();
  co_await client_->shutdown();
  client_->close();
  co_return RelayEnd{};
}

asio::awaitable<MessageEvent> HttpRelay::read_request_head(bool first) {
  const ProxyTimeouts& timeouts = context_.options().timeouts;
  for (;;) {
    MessageEvent event = requests_.next(client_input_.view());
    client_input_.consume(event.consumed);
    if (event.kind == Kind::head || event.kind == Kind::error) co_return event;
    if (event.kind != Kind::need_more) break;  // paused or closed: nothing more to serve
    // Waiting between requests may take long; once a head has begun it must arrive promptly.
    const bool idle = !first && client_input_.empty() && event.consumed == 0;
    client_->set_timeout(idle ? timeouts.idle_client : timeouts.request_head);
    boost::system::error_code error;
    const std::size_t n = co_await client_->read_some(client_input_.prepare(), error);
    if (error) break;  // closed, reset or timed out: nobody is left to answer
    client_input_.commit(n);
  }
  MessageEvent closed;
  closed.kind = Kind::closed;
  co_return closed;
}

asio::awaitable<bool> HttpRelay::drain_request_body() {
  const PumpResult drained = co_await pump_body(
      requests_, client_input_, *client_, nullptr, [](std::string_view, std::size_t) {},
      context_.options().timeouts.transfer);
  requests_.resume();  // an Upgrade request to a page is simply not upgraded
  co_return drained.end == PumpEnd::complete;
}

asio::awaitable<bool> HttpRelay::serve_page(const RequestHead& request,
                                            const RoutedRequest& routed) {
  if (!co_await drain_request_body()) co_return false;
  const bool close = !client_keeps_alive(request);
  boost::system::error_code error;
  const std::string page = proxy_page_response(request, routed.path, context_.ca(), close);
  co_await send_to_client(page, error);
  co_return !close && !error;
}

asio::awaitable<void> HttpRelay::send_to_client(std::string_view bytes,
                                                boost::system::error_code& error) {
  client_->set_timeout(context_.options().timeouts.transfer);
  co_await client_->write_all(bytes, error);
}

asio::awaitable<bool> HttpRelay::answer_failure(const UpstreamFailure& failure,
                                                ExchangeTracker& tracker) {
  ++context_.counters().upstream_failures;
  upstream_.reset();
  boost::system::error_code ignored;
  // The request body, if any, is still unread: the connection cannot carry another request.
  const std::string page = failure_response(failure, true);
  co_await send_to_client(page, ignored);
  tracker.finish(failure.message);
  co_return false;
}

asio::awaitable<bool> HttpRelay::ensure_upstream(const Origin& origin, ExchangeTracker& tracker,
                                                 bool& reused) {
  reused = upstream_ && upstream_->origin == origin;
  if (reused) {
    tracker.reused(upstream_->server_address);
    co_return true;
  }
  upstream_.reset();
  upstream_input_ = InputBuffer{};
  ConnectOutcome outcome = co_await connect_upstream(context_, executor_, origin);
  if (!outcome.connection) co_return co_await answer_failure(outcome.failure, tracker);
  upstream_ = std::move(outcome.connection);
  responses_.emplace(Side::response, context_.options().head_limits);
  tracker.connected(upstream_->server_address, upstream_->connect_ms, upstream_->tls_ms);
  co_return true;
}

asio::awaitable<bool> HttpRelay::send_request_head(const RequestHead& request,
                                                   const RoutedRequest& routed) {
  ForwardOptions options;
  options.keep_upgrade = !upgrade_protocols(request.fields).empty();
  RequestHead out = upstream_request(request, options);
  // The proxy answers 100-continue itself (see relay_exchange), so the origin gets the body
  // straight away and must not wait for a chance to answer 100 first.
  if (expectation_of(request) == Expectation::continue_100) out.fields.remove("Expect");
  if (upstream_->absolute_form) {
    out.target.text =
        absolute_url(routed.origin.scheme, routed.origin.host, routed.origin.port, routed.path);
    if (!upstream_->proxy_authorization.empty())
      out.fields.set("Proxy-Authorization", upstream_->proxy_authorization);
  }
  boost::system::error_code error;
  upstream_->stream->set_timeout(context_.options().timeouts.transfer);
  const std::string head = serialize(out);
  co_await upstream_->stream->write_all(head, error);
  co_return !error;
}

asio::awaitable<MessageEvent> HttpRelay::read_response_head(const RequestHead& request,
                                                            boost::system::error_code& error,
                                                            bool& received) {
  ByteStream& upstream = *upstream_->stream;
  for (;;) {
    MessageEvent event = responses_->next(upstream_input_.view());
    upstream_input_.consume(event.consumed);
    if (event.kind == Kind::error) co_return event;
    if (event.kind == Kind::head) {
      const ResponseHead& response = responses_->response();
      if (response.status / 100 != 1 || response.status == 101) co_return event;
      // Interim (100, 103): relay to HTTP/1.1 clients, then read on for the final answer.
      const MessageEvent end = responses_->next(upstream_input_.view());
      upstream_input_.consume(end.consumed);
      if (request.version.at_least_1_1()) {
        const std::string interim = serialize(downstream_response(response));
        co_await send_to_client(interim, error);
        if (error) co_return event;
      }
      continue;
    }
    upstream.set_timeout(context_.options().timeouts.response_head);
    const std::size_t n = co_await upstream.read_some(upstream_input_.prepare(), error);
    if (error) {
      MessageEvent closed = responses_->finish();
      co_return closed;
    }
    received = true;
    upstream_input_.commit(n);
  }
}

asio::awaitable<bool> HttpRelay::relay_exchange(const RequestHead& request,
                                                const RoutedRequest& routed) {
  ExchangeTracker tracker(context_.hooks(), request, routed.target, client_address_,
                          client_->secure(), std::chrono::system_clock::now());
  ++context_.counters().exchanges;
  const Expectation expectation = expectation_of(request);
  if (expectation == Expectation::unsupported) {
    boost::system::error_code ignored;
    const std::string refusal = simple_response(417, "only Expect: 100-continue is supported\n");
    co_await send_to_client(refusal, ignored);
    tracker.finish("unsupported Expect field");
    co_return false;
  }
  const bool has_body = requests_.framing().kind != BodyKind::none;
  for (int attempt = 0;; ++attempt) {
    bool reused = false;
    if (!co_await ensure_upstream(routed.origin, tracker, reused)) co_return false;
    if (!co_await send_request_head(request, routed)) {
      if (reused && attempt == 0) {  // the origin closed the idle connection: open a new one
        upstream_.reset();
        continue;
      }
      const UpstreamFailure failure = classify_upstream_failure(
          UpstreamStep::send, boost::asio::error::broken_pipe, routed.origin.authority());
      co_return co_await answer_failure(failure, tracker);
    }
    responses_->expect_response_to(request.method);
    bool client_intact = true;
    if (has_body) {
      // Answering 100 Continue here, rather than relaying the origin's, means the proxy never
      // waits on two peers at once: the client sends the body, the proxy streams it upstream.
      if (expectation == Expectation::continue_100) {
        boost::system::error_code error;
        co_await send_to_client(kContinueResponse, error);
        if (error) co_return false;
      }
      const PumpResult pumped = co_await pump_body(
          requests_, client_input_, *client_, upstream_->stream.get(),
          [&tracker](std::string_view data, std::size_t wire) { tracker.request_body(data, wire); },
          context_.options().timeouts.transfer);
      if (pumped.end == PumpEnd::source_error || pumped.end == PumpEnd::source_lost) {
        if (pumped.end == PumpEnd::source_error) {
          boost::system::error_code ignored;
          const std::string refusal =
              simple_response(pumped.event.error.status, refusal_text(pumped.event.error));
          co_await send_to_client(refusal, ignored);
        }
        upstream_.reset();
        tracker.finish("the client's request body was cut short or malformed");
        co_return false;
      }
      // sink_lost: the origin stopped reading; it may have answered early (413): read on.
      client_intact = pumped.end == PumpEnd::complete;
    } else {
      const MessageEvent end = requests_.next(client_input_.view());  // a bodyless message
      client_input_.consume(end.consumed);
    }
    tracker.request_sent();
    boost::system::error_code error;
    bool received = false;
    const MessageEvent head = co_await read_response_head(request, error, received);
    if (head.kind != Kind::head) {
      if (reused && attempt == 0 && !has_body && !received) {
        upstream_.reset();  // a stale kept-alive connection: the request is safe to resend
        continue;
      }
      const std::string detail = head.kind == Kind::error ? head.error.detail : std::string();
      const UpstreamFailure failure = classify_upstream_failure(UpstreamStep::response, error,
                                                                routed.origin.authority(), detail);
      co_return co_await answer_failure(failure, tracker);
    }
    co_return co_await relay_response(request, tracker,
                                      client_intact && client_keeps_alive(request));
  }
}

asio::awaitable<bool> HttpRelay::relay_response(const RequestHead& request,
                                                ExchangeTracker& tracker, bool client_keep) {
  const ResponseHead& response = responses_->response();
  if (response.status == 101) co_return co_await relay_switched_protocols(tracker);
  requests_.resume();  // an Upgrade the origin declined: HTTP goes on
  const bool upstream_keep =
      keeps_alive(response.version, parse_connection_options(response.fields));
  const bool until_close = responses_->framing().kind == BodyKind::until_close;
  ForwardOptions options;
  options.close = !client_keep || until_close;
  options.announce_keep_alive = !options.close && !request.version.at_least_1_1();
  tracker.response_head(response);
  // The head goes out with the first body bytes, in one write (see pump_body).
  std::string head = serialize(downstream_response(response, options));
  const PumpResult pumped = co_await pump_body(
      *responses_, upstream_input_, *upstream_->stream, client_.get(),
      [&tracker](std::string_view data, std::size_t wire) { tracker.response_body(data, wire); },
      context_.options().timeouts.transfer, std::move(head));
  if (pumped.end != PumpEnd::complete) {
    upstream_.reset();
    tracker.finish(pumped.end == PumpEnd::sink_lost
                       ? "the client closed the connection during the response"
                       : "the server's response body was cut short or malformed");
    co_return false;
  }
  if (!upstream_keep || until_close) upstream_.reset();
  tracker.finish();
  co_return !options.close;
}

asio::awaitable<bool> HttpRelay::relay_switched_protocols(ExchangeTracker& tracker) {
  const ResponseHead& response = responses_->response();
  ForwardOptions options;
  options.keep_upgrade = true;
  tracker.response_head(response);
  tracker.tunnel();
  boost::system::error_code error;
  const std::string head = serialize(downstream_response(response, options));
  co_await send_to_client(head, error);
  const MessageEvent end = responses_->next(upstream_input_.view());  // the 101 has no body
  upstream_input_.consume(end.consumed);
  std::shared_ptr<ByteStream> upstream = std::move(upstream_->stream);
  upstream_.reset();
  if (error) {
    tracker.finish("the client closed the connection before the upgrade");
    co_return false;
  }
  const TunnelBytes moved =
      co_await run_tunnel(executor_, client_, upstream, client_input_.take(),
                          upstream_input_.take(), context_.options().timeouts.tunnel_idle);
  tracker.request_body({}, moved.client_to_server);
  tracker.response_body({}, moved.server_to_client);
  tracker.finish();
  co_return false;
}

}  // namespace postern::proxy
