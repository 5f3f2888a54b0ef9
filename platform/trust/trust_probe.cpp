#include "platform/trust/trust_probe.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <memory>
#include <optional>
#include <thread>

// Only the AF_INET / SOCK_STREAM constants come from here; every socket call goes through
// OpenSSL's portable BIO socket API.
#if defined(_WIN32)
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

#include "base/codes.hpp"
#include "certs/openssl_handles.hpp"
#include "platform/trust/nss_store.hpp"

namespace postern::platform::trust {

namespace codes = base::codes;
using Clock = std::chrono::steady_clock;

namespace {

using SslCtxPtr = std::unique_ptr<SSL_CTX, certs::OpensslDeleter<SSL_CTX_free>>;
using SslPtr = std::unique_ptr<SSL, certs::OpensslDeleter<SSL_free>>;
using AddrPtr = std::unique_ptr<BIO_ADDR, certs::OpensslDeleter<BIO_ADDR_free>>;
using AddrInfoPtr = std::unique_ptr<BIO_ADDRINFO, certs::OpensslDeleter<BIO_ADDRINFO_free>>;

// A socket closed on scope exit. OpenSSL's BIO socket calls are the same on POSIX and Winsock,
// so this file needs no per-OS part.
struct Socket {
  int fd = -1;
  explicit Socket(int descriptor = -1) : fd(descriptor) {}
  ~Socket() {
    if (fd >= 0) BIO_closesocket(fd);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
};

std::string openssl_error() {
  std::string text = certs::last_openssl_error();
  return text.empty() ? "unknown OpenSSL error" : text;
}

base::Outcome probe_failed(const std::string& target, std::string cause) {
  auto outcome =
      base::failed("trust-probe", target, std::string(codes::trust_probe_failed), std::move(cause),
                   "run `postern doctor` again; if it keeps failing, "
                   "check that 127.0.0.1 accepts local connections");
  outcome.step = "probe";
  return outcome;
}

// One end of the handshake, driven without blocking so that a single loop can run both ends and
// no wait can outlive the deadline.
struct Side {
  SslPtr ssl;
  bool done = false;
  bool failed = false;

  void step(bool server) {
    if (done || failed || !ssl) return;
    const int rc = server ? SSL_accept(ssl.get()) : SSL_connect(ssl.get());
    if (rc == 1) {
      done = true;
      return;
    }
    const int error = SSL_get_error(ssl.get(), rc);
    if (error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE) failed = true;
  }
};

SslCtxPtr server_context(X509* leaf, EVP_PKEY* key) {
  SslCtxPtr ctx(SSL_CTX_new(TLS_server_method()));
  if (!ctx || SSL_CTX_use_certificate(ctx.get(), leaf) != 1 ||
      SSL_CTX_use_PrivateKey(ctx.get(), key) != 1) {
    return nullptr;
  }
  return ctx;
}

SslCtxPtr client_context(const TrustAnchors& anchors) {
  SslCtxPtr ctx(SSL_CTX_new(TLS_client_method()));
  if (!ctx) return nullptr;
  SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, nullptr);
  if (!load_anchors(SSL_CTX_get_cert_store(ctx.get()), anchors)) return nullptr;
  return ctx;
}

// A listening socket on 127.0.0.1 with a port the kernel picks, and that bound address.
bool listen_loopback(Socket& listener, AddrPtr& bound) {
  BIO_ADDRINFO* found = nullptr;
  if (!BIO_lookup_ex("127.0.0.1", "0", BIO_LOOKUP_SERVER, AF_INET, SOCK_STREAM, 0, &found)) {
    return false;
  }
  AddrInfoPtr info(found);
  listener.fd = BIO_socket(AF_INET, SOCK_STREAM, 0, 0);
  if (listener.fd < 0 ||
      !BIO_listen(listener.fd, BIO_ADDRINFO_address(info.get()), BIO_SOCK_NONBLOCK)) {
    return false;
  }
  bound.reset(BIO_ADDR_new());
  BIO_sock_info_u query;
  query.addr = bound.get();
  return bound && BIO_sock_info(listener.fd, BIO_SOCK_INFO_ADDRESS, &query);
}

std::string port_of(const BIO_ADDR* address) {
  char* service = BIO_ADDR_service_string(address, 1);
  std::string port = service ? service : "?";
  OPENSSL_free(service);
  return port;
}

base::Outcome verdict(const Side& client, const std::string& target, const std::string& host,
                      bool timed_out) {
  if (client.done) {
    auto outcome = base::already("trust-probe", target,
                                 "a TLS client using this machine's trust anchors accepted a "
                                 "certificate for " +
                                     host + " issued by the Postern CA");
    outcome.step = "probe";
    return outcome;
  }
  const long result = client.ssl ? SSL_get_verify_result(client.ssl.get()) : X509_V_OK;
  if (result != X509_V_OK) {
    auto outcome = base::failed("trust-probe", target, std::string(codes::ca_not_trusted),
                                "a TLS client rejected the Postern CA's certificate for " + host +
                                    ": " + X509_verify_cert_error_string(result),
                                "run `postern ca install --store system`");
    outcome.step = "probe";
    return outcome;
  }
  return probe_failed(target, timed_out ? "the TLS handshake did not finish in time"
                                        : "the TLS handshake failed: " + openssl_error());
}

}  // namespace

base::Outcome probe_tls_trust(X509* leaf, EVP_PKEY* key, const TlsProbeOptions& options) {
  const auto deadline = Clock::now() + options.timeout;
  BIO_sock_init();  // WSAStartup on Windows, nothing elsewhere
  Socket listener;
  AddrPtr bound;
  if (!listen_loopback(listener, bound))
    return probe_failed("127.0.0.1", "cannot listen: " + openssl_error());
  const std::string target = "127.0.0.1:" + port_of(bound.get());
  auto server_ctx = server_context(leaf, key);
  auto client_ctx = client_context(options.anchors);
  if (!server_ctx || !client_ctx)
    return probe_failed(target, "cannot set up TLS: " + openssl_error());
  // A loopback connect completes in the kernel's backlog before accept(), so blocking is safe.
  Socket client_fd(BIO_socket(AF_INET, SOCK_STREAM, 0, 0));
  if (client_fd.fd < 0 || !BIO_connect(client_fd.fd, bound.get(), 0) ||
      !BIO_socket_nbio(client_fd.fd, 1)) {
    return probe_failed(target, "cannot connect: " + openssl_error());
  }
  Side client{SslPtr(SSL_new(client_ctx.get()))};
  SSL_set_fd(client.ssl.get(), client_fd.fd);
  SSL_set_tlsext_host_name(client.ssl.get(), options.host.c_str());
  X509_VERIFY_PARAM_set1_host(SSL_get0_param(client.ssl.get()), options.host.c_str(), 0);
  Socket server_fd;
  Side server;
  while (!client.done && !client.failed && Clock::now() < deadline) {
    if (server_fd.fd < 0) {
      server_fd.fd = BIO_accept_ex(listener.fd, nullptr, BIO_SOCK_NONBLOCK);
      if (server_fd.fd >= 0) {
        server.ssl.reset(SSL_new(server_ctx.get()));
        SSL_set_fd(server.ssl.get(), server_fd.fd);
      }
    }
    client.step(false);
    server.step(true);
    // Loopback round trips take microseconds; a short sleep keeps the loop from spinning.
    if (!client.done && !client.failed) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return verdict(client, target, options.host, !client.done && !client.failed);
}

base::Outcome probe_tls_trust(certs::CertStore& store, const TlsProbeOptions& options) {
  auto leaf = store.get(options.host);
  if (!leaf)
    return probe_failed(options.host, "cannot mint a probe certificate: " + leaf.error().message);
  return probe_tls_trust(leaf.value()->certificate(), leaf.value()->private_key(), options);
}

base::Outcome probe_nss_trust(CommandRunner& runner, const CaRef& ca, const std::string& target) {
  auto outcome = verify_in_nss(runner, Certutil{}, ca, target);
  outcome.step = "probe";
  outcome.store = "nss";
  return outcome;
}

}  // namespace postern::platform::trust
