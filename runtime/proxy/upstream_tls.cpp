#include "runtime/proxy/upstream_tls.hpp"

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <string>

#include <boost/asio/ip/address.hpp>

namespace postern::proxy {
namespace {

constexpr unsigned char kAlpnHttp11[] = "\x08http/1.1";

bool is_ip_literal(std::string_view host) {
  boost::system::error_code error;
  boost::asio::ip::make_address(std::string(host), error);
  return !error;
}

}  // namespace

UpstreamTls::UpstreamTls(bool verify)
    : verify_(verify), context_(boost::asio::ssl::context::tls_client) {
  SSL_CTX* ctx = context_.native_handle();
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  // The default paths are the system store, replaced by SSL_CERT_FILE / SSL_CERT_DIR when set:
  // the same rule as curl, git or python on this machine, so a CA added for them works here.
  SSL_CTX_set_default_verify_paths(ctx);
  SSL_CTX_set_verify(ctx, verify ? SSL_VERIFY_PEER : SSL_VERIFY_NONE, nullptr);
  // The relay speaks HTTP/1.1 upstream; saying so stops an h2-only answer.
  SSL_CTX_set_alpn_protos(ctx, kAlpnHttp11, sizeof kAlpnHttp11 - 1);
  SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS);  // as on the client side (interception_tls)
}

void UpstreamTls::prepare(SSL* ssl, std::string_view host) const {
  const std::string name(host);
  if (is_ip_literal(host)) {
    if (verify_) X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name.c_str());
    return;
  }
  SSL_set_tlsext_host_name(ssl, name.c_str());
  if (verify_) SSL_set1_host(ssl, name.c_str());
}

std::string UpstreamTls::verify_failure(SSL* ssl) {
  const long result = SSL_get_verify_result(ssl);
  if (result == X509_V_OK) return {};
  return "certificate verify failed: " + std::string(X509_verify_cert_error_string(result));
}

}  // namespace postern::proxy
