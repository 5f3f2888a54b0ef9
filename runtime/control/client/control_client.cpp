#include "runtime/control/client/control_client.hpp"

#include <utility>

#include "base/app_paths.hpp"
#include "runtime/control/client/control_errc.hpp"
#include "runtime/control/client/tcp_connection.hpp"
#include "runtime/proxy/message_reader.hpp"

namespace postern::control_client {

namespace fs = std::filesystem;

namespace {

constexpr const char* kStartHint = "start it with `postern runtime start`";
// Bytes asked of the socket per read: a typical answer in one go, and a bounded buffer.
constexpr std::size_t kReadChunk = 64 * 1024;

base::Error error(control_errc code, std::string message, std::string remedy = "") {
  return base::Error{make_error_code(code), std::move(message), std::move(remedy)};
}

bool carries_body(const ControlRequest& request) {
  return !request.body.empty() || request.method == "POST" || request.method == "PUT" ||
         request.method == "PATCH";
}

// A target is origin-form ("/v1/..."): no spaces or control characters, which would let a
// value split the request line. Commands build targets with query_escape(); this is the net.
bool valid_target(const std::string& target) {
  if (target.empty() || target.front() != '/') return false;
  for (unsigned char c : target)
    if (c <= ' ' || c == 0x7f) return false;
  return true;
}

// Collects one response from MessageReader events: the final head's status and Content-Type,
// and the decoded body (chunked or not), bounded by `max_body`.
class ResponseCollector {
 public:
  ResponseCollector(const std::string& method, std::size_t max_body)
      : reader_(proxy::Side::response), max_body_(max_body) {
    reader_.expect_response_to(method);
  }

  // Feeds what arrived; answers true once the whole response is in.
  base::Result<bool> feed(std::string_view input) {
    for (;;) {
      const proxy::MessageEvent event = reader_.next(input);
      if (event.kind == proxy::MessageEvent::Kind::data) {
        if (response_.body.size() + event.data.size() > max_body_) return too_large();
        response_.body.append(event.data);
      }
      input.remove_prefix(event.consumed);
      switch (event.kind) {
        case proxy::MessageEvent::Kind::need_more:
          return false;
        case proxy::MessageEvent::Kind::head:
          if (auto ok = on_head(); !ok) return ok.error();
          break;
        case proxy::MessageEvent::Kind::end:
          // A 1xx is interim; the final answer to the same request follows (RFC 9110 §15.2).
          if (response_.status >= 200) return true;
          break;
        case proxy::MessageEvent::Kind::data:
          break;
        case proxy::MessageEvent::Kind::error:
          return malformed(event.error.detail);
        case proxy::MessageEvent::Kind::paused:
        case proxy::MessageEvent::Kind::closed:
          return malformed("the answer switched protocols");
      }
    }
  }

  // The peer closed: ends a body delimited by the close, else the answer was cut short.
  base::Result<bool> finish() {
    const proxy::MessageEvent event = reader_.finish();
    if (event.kind == proxy::MessageEvent::Kind::end && response_.status >= 200) return true;
    return error(control_errc::connection_failed,
                 "the runtime closed the connection before the answer was complete");
  }

  ControlResponse take() { return std::move(response_); }

 private:
  base::Status_or_error on_head() {
    const proxy::ResponseHead& head = reader_.response();
    response_.status = head.status;
    response_.content_type = std::string(head.fields.get("Content-Type").value_or(""));
    const proxy::BodyFraming& framing = reader_.framing();
    if (framing.kind == proxy::BodyKind::content_length && framing.length > max_body_)
      return too_large();
    return base::Ok{};
  }

  base::Error too_large() const {
    return error(control_errc::bad_response, "the runtime's answer is larger than " +
                                                 std::to_string(max_body_ / (1024 * 1024)) +
                                                 " MiB, more than this client takes");
  }

  static base::Error malformed(const std::string& detail) {
    return error(control_errc::bad_response,
                 "the runtime's answer is not HTTP/1.1 this client reads: " + detail);
  }

  proxy::MessageReader reader_;
  std::size_t max_body_;
  ControlResponse response_;
};

}  // namespace

std::string format_request(const ControlRequest& request, const control::ControlEndpoint& endpoint,
                           const std::string& user_agent) {
  std::string text = request.method + " " + request.target + " HTTP/1.1\r\n";
  text += "Host: " + endpoint.host + ":" + std::to_string(endpoint.port) + "\r\n";
  text += "Authorization: Bearer " + endpoint.token + "\r\n";
  text += "User-Agent: " + user_agent + "\r\n";
  if (carries_body(request)) {
    text += "Content-Type: " + request.content_type + "\r\n";
    text += "Content-Length: " + std::to_string(request.body.size()) + "\r\n";
  }
  text += "Connection: close\r\n\r\n";
  text += request.body;
  return text;
}

base::Result<ControlClient> ControlClient::open(const fs::path& runtime_dir,
                                                ControlClientOptions options) {
  const fs::path file = control::control_file(runtime_dir);
  auto endpoint = control::read_control_file(file);
  if (!endpoint) {
    if (endpoint.error().code == std::errc::no_such_file_or_directory)
      return error(control_errc::not_running,
                   "the runtime is not running (there is no " + file.string() + ")", kStartHint);
    return error(control_errc::endpoint_invalid, endpoint.error().message,
                 "restart the runtime: `postern runtime stop`, then `postern runtime start`");
  }
  return ControlClient(std::move(endpoint).value(), options, file);
}

base::Result<ControlClient> ControlClient::open_current(ControlClientOptions options) {
  auto paths = base::current_app_paths();
  if (!paths) return paths.error();
  return open(paths.value().runtime, options);
}

ControlClient::ControlClient(control::ControlEndpoint endpoint, ControlClientOptions options,
                             fs::path control_file)
    : endpoint_(std::move(endpoint)), options_(options), control_file_(std::move(control_file)) {}

base::Error ControlClient::not_running(const std::string& detail) const {
  const std::string file = control_file_.empty() ? "" : ", the port in " + control_file_.string();
  return error(
      control_errc::not_running,
      "the runtime is not running (" + detail + file + "; it stopped without removing the file)",
      kStartHint);
}

base::Error ControlClient::explain(base::Error failure) const {
  if (failure.code == control_errc::timed_out && failure.remedy.empty())
    failure.remedy = "the runtime (pid " + std::to_string(endpoint_.pid) +
                     ") may be stuck: restart it with `postern runtime stop` and "
                     "`postern runtime start`";
  return failure;
}

base::Result<ControlResponse> ControlClient::send(const ControlRequest& request) {
  if (!valid_target(request.target))
    return base::Error{std::make_error_code(std::errc::invalid_argument),
                       "not a request target: \"" + request.target + "\"", ""};
  auto connection =
      TcpConnection::connect(endpoint_.host, endpoint_.port, options_.connect_timeout);
  if (!connection) {
    if (connection.error().code == control_errc::not_running)
      return not_running(connection.error().message);
    return explain(connection.error());
  }
  if (auto sent = connection.value().send_all(
          format_request(request, endpoint_, options_.user_agent), options_.reply_timeout);
      !sent)
    return explain(sent.error());
  auto response = read_response(connection.value(), request.method);
  if (!response) return explain(response.error());
  if (response.value().status == 401)
    return error(control_errc::bad_token,
                 "the runtime refused the token in " +
                     (control_file_.empty() ? std::string("control.json") : control_file_.string()),
                 "the runtime may have restarted meanwhile: try again, or restart it "
                 "with `postern runtime stop` and `postern runtime start`");
  return response;
}

base::Result<ControlResponse> ControlClient::read_response(TcpConnection& connection,
                                                           const std::string& method) {
  ResponseCollector collector(method, options_.max_body);
  for (;;) {
    auto bytes = connection.receive(kReadChunk, options_.reply_timeout);
    if (!bytes) return bytes.error();
    auto complete = bytes.value().empty() ? collector.finish() : collector.feed(bytes.value());
    if (!complete) return complete.error();
    if (complete.value()) return collector.take();
  }
}

}  // namespace postern::control_client
