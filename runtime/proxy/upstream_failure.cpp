#include "runtime/proxy/upstream_failure.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>

namespace postern::proxy {
namespace {

namespace asio_error = boost::asio::error;

bool is_timeout(const boost::system::error_code& error) {
  return error == boost::beast::error::timeout || error == asio_error::timed_out;
}

bool is_reset(const boost::system::error_code& error) {
  return error == asio_error::connection_reset || error == asio_error::eof ||
         error == asio_error::broken_pipe || error == boost::asio::ssl::error::stream_truncated;
}

UpstreamFailure make(int status, std::string code, std::string_view target, std::string message,
                     std::string remedy) {
  return UpstreamFailure{status, std::move(code), std::string(target), std::move(message),
                         std::move(remedy)};
}

std::string with_detail(std::string text, std::string_view detail) {
  if (!detail.empty()) text += " (" + std::string(detail) + ")";
  return text;
}

UpstreamFailure timeout_failure(UpstreamStep step, std::string_view target) {
  const std::string name(target);
  const std::string what = step == UpstreamStep::resolve   ? "looking up " + name + " timed out"
                           : step == UpstreamStep::connect ? "connecting to " + name + " timed out"
                           : step == UpstreamStep::tls
                               ? "the TLS handshake with " + name + " timed out"
                               : name + " did not answer in time";
  return make(504, "timeout", target, what,
              "check that the server is up and reachable from this machine, then retry");
}

}  // namespace

UpstreamFailure classify_upstream_failure(UpstreamStep step, const boost::system::error_code& error,
                                          std::string_view target, std::string_view detail) {
  const std::string name(target);
  if (is_timeout(error)) return timeout_failure(step, target);
  switch (step) {
    case UpstreamStep::resolve:
      return make(502, "dns", target,
                  with_detail("cannot resolve the host name of " + name, error.message()),
                  "check the spelling of the host and this machine's DNS settings");
    case UpstreamStep::connect:
      if (error == asio_error::connection_refused)
        return make(502, "refused", target, name + " refused the connection",
                    "start the server, or check the port in the URL");
      return make(502, "connect", target, with_detail("cannot connect to " + name, error.message()),
                  "check the network route to the server (firewall, VPN)");
    case UpstreamStep::proxy_connect:
      return make(502, "proxy", target,
                  with_detail("the upstream proxy did not open a tunnel to " + name, detail),
                  "check the proxy settings in settings.json (proxy.system / proxy.custom)");
    case UpstreamStep::tls:
      return make(502, "tls", target,
                  with_detail("the TLS handshake with " + name + " failed",
                              detail.empty() ? error.message() : detail),
                  "if this is a lab server with its own certificate, add its CA to SSL_CERT_FILE "
                  "or run the runtime with --insecure-upstream");
    case UpstreamStep::send:
    case UpstreamStep::response:
      if (is_reset(error))
        return make(502, "reset", target, name + " closed the connection without answering",
                    "retry; if it keeps happening, check the server's logs");
      return make(502, "bad_response", target,
                  with_detail(name + " sent a response the proxy cannot read",
                              detail.empty() ? error.message() : detail),
                  "check the server with curl --verbose, without the proxy");
  }
  return make(502, "other", target, with_detail("cannot reach " + name, error.message()), "");
}

}  // namespace postern::proxy
