#pragma once
// One control-API connection (practice 13): owns its TCP stream and buffer, reads a request
// with header/body limits and a deadline, converts it to an ApiRequest, lets the handler answer
// (guard, then routes; no I/O there), writes the response, and loops while keep-alive holds.

#include <functional>
#include <memory>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "runtime/control/api_types.hpp"

namespace postern::control {

/// Largest request head and body the control API reads: its requests are small JSON documents.
inline constexpr std::size_t kMaxApiHeader = 16 * 1024;
inline constexpr std::size_t kMaxApiBody = 1024 * 1024;
/// A client has this long to send each request, and to read each response.
inline constexpr std::chrono::seconds kApiTimeout{30};

/// Answers one request: guard + router, no I/O.
using ApiHandler = std::function<ApiResponse(const ApiRequest&)>;

/// A connection to the control API.
class ApiSession : public std::enable_shared_from_this<ApiSession> {
 public:
  ApiSession(boost::asio::ip::tcp::socket socket, ApiHandler handler);
  /// Starts reading requests.
  void start();
  /// Closes the connection, from any thread.
  void stop();

 private:
  void do_read();
  void on_read(const boost::beast::error_code& error, std::size_t size);
  void do_write(ApiResponse response, bool keep_alive);
  void on_write(const boost::beast::error_code& error, bool keep_alive);
  void do_close();

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  ApiHandler handler_;
  std::unique_ptr<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::shared_ptr<boost::beast::http::response<boost::beast::http::string_body>> response_;
};

}  // namespace postern::control
