#include "runtime/proxy/interception_tls.hpp"

#include <openssl/ssl.h>

#include <cstring>
#include <string>
#include <system_error>

namespace postern::proxy {
namespace {

constexpr unsigned char kHttp11[] = "http/1.1";
constexpr unsigned kHttp11Length = sizeof kHttp11 - 1;

// ALPN: answer http/1.1 when the client offers it; otherwise send no ALPN at all.
int select_http11(SSL*, const unsigned char** out, unsigned char* out_length,
                  const unsigned char* offered, unsigned int offered_length, void*) {
  for (unsigned i = 0; i < offered_length;) {
    const unsigned length = offered[i];
    if (i + 1 + length > offered_length) break;
    if (length == kHttp11Length && std::memcmp(offered + i + 1, kHttp11, length) == 0) {
      *out = offered + i + 1;
      *out_length = static_cast<unsigned char>(length);
      return SSL_TLSEXT_ERR_OK;
    }
    i += 1 + length;
  }
  return SSL_TLSEXT_ERR_NOACK;
}

}  // namespace

InterceptionTls::InterceptionTls(std::shared_ptr<certs::CertStore> leaves)
    : leaves_(std::move(leaves)), context_(boost::asio::ssl::context::tls_server) {
  SSL_CTX* ctx = context_.native_handle();
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  // Each leaf is minted per name; tickets would only let clients resume into a stale leaf.
  SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET | SSL_OP_NO_COMPRESSION);
  SSL_CTX_set_alpn_select_cb(ctx, select_http11, nullptr);
  // Idle keep-alive connections give their record buffers back (~34 KiB each): with 128
  // clients that is the difference between fitting in 64 MB and not.
  SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS);
}

base::Result<base::Ok> InterceptionTls::present(SSL* ssl, std::string_view host) {
  auto leaf = leaves_->get(host);
  if (!leaf) return leaf.error();
  // SSL_use_* take their own references: the leaf may leave the cache while the connection lives.
  if (SSL_use_certificate(ssl, leaf.value()->certificate()) != 1 ||
      SSL_use_PrivateKey(ssl, leaf.value()->private_key()) != 1)
    return base::Error{std::make_error_code(std::errc::protocol_error),
                       "cannot present the minted certificate for " + std::string(host),
                       "this is a bug; please report it"};
  return base::Ok{};
}

}  // namespace postern::proxy
