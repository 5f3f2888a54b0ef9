#pragma once
// The TLS server side of interception: one context for every intercepted client, and per
// connection the leaf minted for the name the client asked for (its SNI, else the CONNECT
// host), taken from the certs library's CertStore (practice 14: the proxy asks for a
// certificate by name and knows nothing of minting).

#include <memory>
#include <string_view>

#include <openssl/types.h>

#include <boost/asio/ssl/context.hpp>

#include "base/result.hpp"
#include "certs/cert_store.hpp"

namespace postern::proxy {

/// Presents minted leaves to intercepted clients.
class InterceptionTls {
 public:
  /// A server context presenting leaves from `leaves`. TLS 1.2 and 1.3 only; ALPN selects
  /// http/1.1 when offered (this proxy speaks HTTP/1.1 to intercepted clients; one that offers
  /// only h2 gets no ALPN answer and falls back, as RFC 7301 allows).
  explicit InterceptionTls(std::shared_ptr<certs::CertStore> leaves);

  /// Sets the leaf for `host` on the connection `ssl` (before its handshake).
  base::Result<base::Ok> present(SSL* ssl, std::string_view host);
  /// The context new server streams are made with.
  boost::asio::ssl::context& context() { return context_; }

 private:
  std::shared_ptr<certs::CertStore> leaves_;
  boost::asio::ssl::context context_;
};

}  // namespace postern::proxy
