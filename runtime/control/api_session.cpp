#include "runtime/control/api_session.hpp"

#include <boost/asio/dispatch.hpp>
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

}  // namespace

ApiSession::ApiSession(boost::asio::ip::tcp::socket socket, ApiHandler handler)
    : stream_(std::move(socket)), handler_(std::move(handler)) {}

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
  do_write(handler_(to_api_request(request)), request.keep_alive());
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
  beast::error_code ignored;
  stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
  stream_.close();
}

}  // namespace postern::control
