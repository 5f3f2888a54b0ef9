#include "platform/trust/x509_trust.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509_vfy.h>

#include "certs/openssl_handles.hpp"

namespace postern::platform::trust {

namespace {

using StorePtr = std::unique_ptr<X509_STORE, certs::OpensslDeleter<X509_STORE_free>>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, certs::OpensslDeleter<X509_STORE_CTX_free>>;

}  // namespace

bool load_anchors(X509_STORE* store, const TrustAnchors& anchors) {
  // A missing default file or folder is normal (a minimal container); OpenSSL then just finds
  // nothing there, which is the honest answer.
  if (anchors.default_paths) X509_STORE_set_default_paths(store);
  bool ok = true;
  if (anchors.file && X509_STORE_load_file(store, anchors.file->string().c_str()) != 1) ok = false;
  if (anchors.dir && X509_STORE_load_path(store, anchors.dir->string().c_str()) != 1) ok = false;
  ERR_clear_error();
  return ok;
}

TrustVerdict verify_root(std::string_view pem, const TrustAnchors& anchors) {
  auto bio = certs::memory_bio(pem);
  certs::X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!cert) {
    ERR_clear_error();
    return {false, "the CA is not a PEM certificate"};
  }
  StorePtr store(X509_STORE_new());
  StoreCtxPtr ctx(X509_STORE_CTX_new());
  if (!store || !ctx) return {false, "out of memory"};
  if (!load_anchors(store.get(), anchors)) {
    return {false, "cannot load the trust anchors " +
                       (anchors.file ? anchors.file->string() : std::string()) + " " +
                       (anchors.dir ? anchors.dir->string() : std::string())};
  }
  if (X509_STORE_CTX_init(ctx.get(), store.get(), cert.get(), nullptr) != 1) {
    ERR_clear_error();
    return {false, "cannot start an OpenSSL verification"};
  }
  // PARTIAL_CHAIN stays off (the default): a self-signed certificate then verifies only when an
  // identical certificate is among the anchors.
  X509_VERIFY_PARAM_clear_flags(X509_STORE_CTX_get0_param(ctx.get()), X509_V_FLAG_PARTIAL_CHAIN);
  const bool trusted = X509_verify_cert(ctx.get()) == 1;
  const int error = X509_STORE_CTX_get_error(ctx.get());
  ERR_clear_error();
  if (trusted) return {true, ""};
  return {false, X509_verify_cert_error_string(error)};
}

}  // namespace postern::platform::trust
