#pragma once
// The client of the runtime's control API (docs/control-api.md): finds `<runtime>/control.json`,
// connects to 127.0.0.1:<port> with a bounded wait, sends one request with `Host` and
// `Authorization: Bearer`, and reads the answer with the proxy's sans-I/O HTTP/1.1 reader
// (runtime/proxy/message_reader.hpp), so no front end carries a second HTTP parser. One
// connection per request, closed after it: a command sends a handful, a window one per user
// action or refresh, and no state can go stale between. (The live event stream is EventStream.)

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>

#include "base/result.hpp"
#include "runtime/control/client/control_api.hpp"
#include "runtime/control/control_file.hpp"

namespace postern::control_client {

class TcpConnection;

/// How long connecting may take. Loopback connects at once or is refused; the bound only
/// matters for a machine so loaded that the runtime cannot accept.
inline constexpr std::chrono::milliseconds kControlConnectTimeout{2000};
/// How long to wait for the next bytes of an answer: the API's own limit for writing one
/// (docs/control-api.md, "Limits"), so the client never gives up on an answer still allowed.
inline constexpr std::chrono::milliseconds kControlReplyTimeout{30000};
/// Largest answer body taken: a HAR export of a long session can be big, but not this big;
/// past it the call fails rather than eat the machine's memory.
inline constexpr std::size_t kMaxControlResponseBody = 512 * 1024 * 1024;

/// Bounds of one client.
struct ControlClientOptions {
  std::chrono::milliseconds connect_timeout = kControlConnectTimeout;  ///< connect
  std::chrono::milliseconds reply_timeout = kControlReplyTimeout;      ///< each wait for bytes
  std::size_t max_body = kMaxControlResponseBody;                      ///< answer body
  std::string user_agent = "postern";  ///< names the front end in the runtime's log
};

/// The real ControlApi: HTTP/1.1 over a loopback TCP connection.
class ControlClient final : public ControlApi {
 public:
  /// The client for the runtime whose folder is `runtime_dir`; control_errc::not_running when
  /// it has no control.json, endpoint_invalid when the file cannot be used.
  static base::Result<ControlClient> open(const std::filesystem::path& runtime_dir,
                                          ControlClientOptions options = {});
  /// The client for this user's runtime (base::current_app_paths(), POSTERN_HOME aware).
  static base::Result<ControlClient> open_current(ControlClientOptions options = {});

  /// A client for `endpoint`; `control_file` is only named in messages.
  ControlClient(control::ControlEndpoint endpoint, ControlClientOptions options,
                std::filesystem::path control_file = {});

  /// Sends `request` and reads the whole answer. A 401 is control_errc::bad_token; every other
  /// status is an answer for the caller to judge.
  base::Result<ControlResponse> send(const ControlRequest& request) override;

  /// Where this client connects, and the token it sends.
  const control::ControlEndpoint& endpoint() const { return endpoint_; }

 private:
  base::Result<ControlResponse> read_response(TcpConnection& connection, const std::string& method);
  base::Error not_running(const std::string& detail) const;
  base::Error explain(base::Error failure) const;

  control::ControlEndpoint endpoint_;
  ControlClientOptions options_;
  std::filesystem::path control_file_;
};

/// The bytes of `request` for `endpoint`: request line, `Host: <host>:<port>`,
/// `Authorization: Bearer <token>`, `User-Agent`, Content-Type and Content-Length when there is
/// a body (or the method carries one), `Connection: close`, then the body.
std::string format_request(const ControlRequest& request, const control::ControlEndpoint& endpoint,
                           const std::string& user_agent = "postern");

}  // namespace postern::control_client
