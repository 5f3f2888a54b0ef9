#include "certs/errc.hpp"

#include <openssl/err.h>

#include <string>

#include "certs/openssl_handles.hpp"

namespace postern::certs {

namespace {

class CertsCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "postern.certs"; }
  std::string message(int value) const override {
    switch (static_cast<errc>(value)) {
      case errc::ca_missing:
        return "the proxy CA does not exist yet";
      case errc::ca_half_present:
        return "only one of the CA certificate and key exists";
      case errc::ca_unreadable:
        return "a CA file cannot be read";
      case errc::ca_corrupt:
        return "the CA certificate file is not a PEM certificate";
      case errc::key_corrupt:
        return "the CA key file is not a PEM private key";
      case errc::key_mismatch:
        return "the CA key does not belong to the CA certificate";
      case errc::key_exposed:
        return "the CA key file can be read by other users";
      case errc::ca_expired:
        return "the CA certificate has expired";
      case errc::ca_not_yet_valid:
        return "the CA certificate is not valid yet";
      case errc::ca_foreign:
        return "the certificate is not a CA Postern can sign with";
      case errc::ca_exists:
        return "a CA already exists";
      case errc::write_failed:
        return "the CA files could not be written";
      case errc::invalid_host:
        return "not a DNS name or IP address";
      case errc::no_key:
        return "the CA was loaded without its private key";
      case errc::openssl_failure:
        return "an OpenSSL call failed";
    }
    return "unknown certs error";
  }
};

}  // namespace

const std::error_category& certs_category() {
  static const CertsCategory category;
  return category;
}

std::error_code make_error_code(errc e) {
  return {static_cast<int>(e), certs_category()};
}

std::string last_openssl_error() {
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

}  // namespace postern::certs
