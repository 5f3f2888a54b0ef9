#include "runtime/control/api_session.hpp"

#include <cstdio>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

namespace postern::control {

namespace {

namespace beast = boost::beast;
namespace http = beast::http;

std::string header(const http::request<http::string_body>& request, http::field field) {
  auto found = request.find(field);
  return found == request.end() ? std::string() : std::string(found->value());
}

ApiRequest to_api_request(const http::request<http::string_body>& request) {
  ApiRequest api;
  api.method = std::string(request.method_string());
  api.target = std::string(request.target());
  api.host = header(request, http::field::host);
  api.authorization = header(request, http::field::authorization);
  api.origin = header(request, http::field::origin);
  api.body = request.body();
  return api;
}

// A request Beast refused (too large, malformed) still gets an answer before the close.
ApiResponse refusal(const beast::error_code& error) {
  if (error == http::error::header_limit)
    return error_response(431, "HEADERS_TOO_LARGE", "request headers over 16 KiB");
  if (error == http::error::body_limit)
    return error_response(413, "BODY_TOO_LARGE", "request body over 1 MiB");
  return error_response(400, "BAD_REQUEST", "malformed HTTP request: " + error.message());
}

// One chunk of a chunked body (RFC 9112 §7.1): size in hex, CRLF, the bytes, CRLF.
std::string as_chunk(const std::string& bytes) {
  char size[20];
  std::snprintf(size, sizeof size, "%zx\r\n", bytes.size());
  return size + bytes + "\r\n";
}

// A comment line: EventSource ignores it, but it proves the stream is alive (HTML §9.2.6).
constexpr const char* kKeepAliveComment = ": keep-alive\n\n";

}  // namespace

ApiSession::ApiSession(boost::asio::ip::tcp::socket socket, ApiHandler handler,
                       std::chrono::milliseconds keep_alive)
    : stream_(std::move(socket)),
      handler_(std::move(handler)),
      keep_alive_(keep_alive),
      wake_(stream_.get_executor()) {}

void ApiSession::start() {
  boost::asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->do_read(); });
}

void ApiSession::stop() {
  boost::asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->do_close(); });
}

void ApiSession::do_read() {
  parser_ = std::make_unique<http::request_parser<http::string_body>>();
  parser_->header_limit(kMaxApiHeader);
  parser_->body_limit(kMaxApiBody);
  stream_.expires_after(kApiTimeout);
  http::async_read(stream_, buffer_, *parser_,
                   [self = shared_from_this()](const beast::error_code& error, std::size_t size) {
                     self->on_read(error, size);
                   });
}

void ApiSession::on_read(const beast::error_code& error, std::size_t) {
  if (error == http::error::end_of_stream || error == beast::error::timeout ||
      error == boost::asio::error::connection_reset || error == boost::asio::error::eof)
    return do_close();
  if (error) return do_write(refusal(error), /*keep_alive=*/false);
  const auto& request = parser_->get();
  auto answer = handler_(to_api_request(request));
  if (answer.events) return do_stream_head(std::move(answer), request.version());
  do_write(std::move(answer), request.keep_alive());
}

void ApiSession::do_write(ApiResponse answer, bool keep_alive) {
  response_ = std::make_shared<http::response<http::string_body>>(
      static_cast<http::status>(answer.status), 11);
  response_->set(http::field::server, "postern-runtime");
  response_->set(http::field::content_type, answer.content_type);
  response_->set(http::field::cache_control, "no-store");
  for (const auto& [name, value] : answer.headers)
    response_->set(name, value);
  response_->body() = std::move(answer.body);
  response_->keep_alive(keep_alive);
  response_->prepare_payload();
  stream_.expires_after(kApiTimeout);
  http::async_write(
      stream_, *response_,
      [self = shared_from_this(), keep_alive](const beast::error_code& error, std::size_t) {
        self->on_write(error, keep_alive);
      });
}

void ApiSession::on_write(const beast::error_code& error, bool keep_alive) {
  if (error || !keep_alive) return do_close();
  do_read();
}

void ApiSession::do_close() {
  if (closed_) return;
  closed_ = true;
  events_.reset();  // unsubscribes: the hub stops queueing for this client
  wake_.cancel();
  beast::error_code ignored;
  stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
  stream_.close();
}

void ApiSession::do_stream_head(ApiResponse answer, unsigned version) {
  events_ = std::move(answer.events);
  // An HTTP/1.1 stream is chunked, so a client can tell its clean end from a cut connection;
  // HTTP/1.0 has no chunking, so there the body runs until the close (RFC 9112 §6.3).
  chunked_ = version >= 11;
  stream_head_ = std::make_unique<http::response<http::empty_body>>(
      static_cast<http::status>(answer.status), chunked_ ? 11 : 10);
  auto& head = *stream_head_;
  head.set(http::field::server, "postern-runtime");
  head.set(http::field::content_type, answer.content_type);
  head.set(http::field::cache_control, "no-store");
  for (const auto& [name, value] : answer.headers)
    head.set(name, value);
  if (chunked_) head.chunked(true);
  head.keep_alive(chunked_);
  head_serializer_ = std::make_unique<http::response_serializer<http::empty_body>>(head);
  // The hub calls this on the publishing thread: hop onto the strand and cut the wait short.
  events_->on_ready([weak = weak_from_this()] {
    if (auto self = weak.lock())
      boost::asio::post(self->stream_.get_executor(), [self] { self->wake_.cancel(); });
  });
  stream_.expires_after(kApiTimeout);
  http::async_write_header(
      stream_, *head_serializer_,
      [self = shared_from_this()](const beast::error_code& error, std::size_t) {
        self->on_stream_write(error);
      });
  watch_for_hang_up();
}

void ApiSession::do_stream_wait() {
  if (closed_) return;
  std::string text;
  for (const auto& event : events_->take())
    text += format_event(event);
  if (!text.empty()) return do_stream_write(std::move(text));
  wake_.expires_after(keep_alive_);
  wake_.async_wait(
      [self = shared_from_this()](const beast::error_code& error) { self->on_stream_wait(error); });
}

void ApiSession::on_stream_wait(const beast::error_code& error) {
  if (closed_) return;
  // Cancelled: an event arrived (or one arrived during a write; take() finds nothing then).
  if (error == boost::asio::error::operation_aborted) return do_stream_wait();
  do_stream_write(kKeepAliveComment);
}

void ApiSession::do_stream_write(std::string text) {
  stream_out_ = chunked_ ? as_chunk(text) : std::move(text);
  // A client that stops reading for kApiTimeout is cut off; its queue meanwhile drops the
  // oldest events, so it never costs more than a bounded queue.
  stream_.expires_after(kApiTimeout);
  boost::asio::async_write(
      stream_, boost::asio::buffer(stream_out_),
      [self = shared_from_this()](const beast::error_code& error, std::size_t) {
        self->on_stream_write(error);
      });
}

void ApiSession::on_stream_write(const beast::error_code& error) {
  if (error || closed_) return do_close();
  stream_.expires_never();  // the wait for events has its own timer; no deadline between writes
  do_stream_wait();
}

// A stream's client sends nothing after its request, so the socket turning readable means it
// hung up (or broke the protocol): either way the stream ends at once, not at the next write.
void ApiSession::watch_for_hang_up() {
  stream_.socket().async_wait(boost::asio::ip::tcp::socket::wait_read,
                              [self = shared_from_this()](const beast::error_code& error) {
                                if (error != boost::asio::error::operation_aborted)
                                  self->do_close();
                              });
}

}  // namespace postern::control
