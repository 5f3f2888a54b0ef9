#pragma once
// One control-API connection (practice 13): owns its TCP stream and buffer, reads a request
// with header/body limits and a deadline, converts it to an ApiRequest, lets the handler answer
// (guard, then routes; no I/O there), writes the response, and loops while keep-alive holds.
// An answer with an event subscription turns the connection into a Server-Sent Events stream:
// the head (chunked for HTTP/1.1, close-delimited for 1.0), then each batch of queued events,
// and a `: keep-alive` comment after 15 s without one, until the client goes or stop().

#include <functional>
#include <memory>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/string_body.hpp>

#include "runtime/control/api_types.hpp"
#include "runtime/control/event_subscription.hpp"

namespace postern::control {

/// Largest request head and body the control API reads: its requests are small JSON documents.
inline constexpr std::size_t kMaxApiHeader = 16 * 1024;
inline constexpr std::size_t kMaxApiBody = 1024 * 1024;
/// A client has this long to send each request, and to read each response.
inline constexpr std::chrono::seconds kApiTimeout{30};
/// An event stream quiet for this long gets a `: keep-alive` comment: it keeps proxies and NAT
/// tables from closing an idle stream, and shows a client that the runtime still answers.
inline constexpr std::chrono::seconds kEventKeepAlive{15};

/// Answers one request: guard + router, no I/O.
using ApiHandler = std::function<ApiResponse(const ApiRequest&)>;

/// A connection to the control API.
class ApiSession : public std::enable_shared_from_this<ApiSession> {
 public:
  /// A session answering with `handler`; event streams it carries send a keep-alive comment
  /// after `keep_alive` without events.
  ApiSession(boost::asio::ip::tcp::socket socket, ApiHandler handler,
             std::chrono::milliseconds keep_alive = kEventKeepAlive);
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

  // The event stream (ApiResponse::events): head, then wait / write rounds on the strand.
  void do_stream_head(ApiResponse answer, unsigned version);
  void do_stream_wait();
  void on_stream_wait(const boost::beast::error_code& error);
  void do_stream_write(std::string text);
  void on_stream_write(const boost::beast::error_code& error);
  void watch_for_hang_up();

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  ApiHandler handler_;
  std::unique_ptr<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::shared_ptr<boost::beast::http::response<boost::beast::http::string_body>> response_;
  bool closed_ = false;
  std::chrono::milliseconds keep_alive_;
  std::shared_ptr<EventSubscription> events_;
  boost::asio::steady_timer wake_;  // sleeps until an event arrives or the keep-alive is due
  bool chunked_ = false;            // HTTP/1.1 streams are chunked; 1.0 ones end with the close
  std::unique_ptr<boost::beast::http::response<boost::beast::http::empty_body>> stream_head_;
  std::unique_ptr<boost::beast::http::response_serializer<boost::beast::http::empty_body>>
      head_serializer_;
  std::string stream_out_;  // the bytes being written
};

}  // namespace postern::control
