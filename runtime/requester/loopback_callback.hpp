#pragma once
// Catching an OAuth 2.0 redirect in this process (RFC 8252 §7.3): a one-shot HTTP listener on
// a loopback address that the browser is sent back to after the user approved. It answers the
// browser with a small "you can close this tab" page. For the implicit grant the token is in
// the URL's fragment, which browsers never send to a server, so the page's inline script posts
// the fragment back to the listener. Also here: opening a URL in the user's browser.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "base/result.hpp"

namespace postern::requester {

class LoopbackCallback {
 public:
  /// Listens on `host` ("127.0.0.1", or "::1"), `port` (0: one the OS picks) for requests to
  /// `path` ("/callback"). Fails when the port is taken, naming it.
  static base::Result<std::unique_ptr<LoopbackCallback>> listen(const std::string& host,
                                                                std::uint16_t port,
                                                                std::string path);
  ~LoopbackCallback();
  LoopbackCallback(const LoopbackCallback&) = delete;
  LoopbackCallback& operator=(const LoopbackCallback&) = delete;

  std::uint16_t port() const { return port_; }
  /// "http://127.0.0.1:<port><path>": the redirect_uri to send.
  std::string redirect_uri() const;

  /// Serves requests until the redirect came: returns it as the browser had it,
  /// "<redirect_uri>?code=..." or "<redirect_uri>#access_token=...". Other paths get a 404;
  /// posts from another origin are refused. oauth2_errc::callback_timeout after `timeout`.
  base::Result<std::string> wait(std::chrono::milliseconds timeout);

 private:
  LoopbackCallback(int fd, std::string host, std::uint16_t port, std::string path)
      : fd_(fd), host_(std::move(host)), port_(port), path_(std::move(path)) {}
  // The redirect when this connection brought it, else empty.
  std::string serve_one(int client);

  int fd_;
  std::string host_;
  std::uint16_t port_;
  std::string path_;
};

/// Opens `url` in the user's default browser: xdg-open (Linux, BSD), open (macOS),
/// ShellExecute (Windows). Returns once the opener started; the browser runs on its own.
base::Status_or_error open_in_system_browser(const std::string& url);

}  // namespace postern::requester
