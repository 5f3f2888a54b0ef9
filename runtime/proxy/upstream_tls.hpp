#pragma once
// The TLS client side towards origins: verified against the system's trust store the way every
// OpenSSL program is (SSL_CERT_FILE and SSL_CERT_DIR override it), the host name checked, SNI
// sent. Verification can be turned off for lab servers; the proxy then says so in its log and
// status, never silently.

#include <string>
#include <string_view>

#include <openssl/types.h>

#include <boost/asio/ssl/context.hpp>

namespace postern::proxy {

/// Makes origin TLS connections.
class UpstreamTls {
 public:
  /// A client context; `verify` false accepts any certificate.
  explicit UpstreamTls(bool verify);

  /// Sets SNI (names only, never IP literals, per RFC 6066 §3) and the name or address the
  /// certificate must match, on `ssl` before its handshake.
  void prepare(SSL* ssl, std::string_view host) const;
  /// Why the handshake on `ssl` failed verification ("certificate has expired"), or empty.
  static std::string verify_failure(SSL* ssl);
  /// The context new client streams are made with.
  boost::asio::ssl::context& context() { return context_; }
  /// Whether certificates are verified.
  bool verifies() const { return verify_; }

 private:
  bool verify_;
  boost::asio::ssl::context context_;
};

}  // namespace postern::proxy
