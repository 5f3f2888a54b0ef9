#include "certs/certificate_info.hpp"

#include <openssl/pem.h>

#include "certs/errc.hpp"
#include "certs/fingerprint.hpp"
#include "certs/openssl_handles.hpp"

namespace postern::certs {

base::Result<CertificateInfo> describe_pem(std::string_view pem, std::string_view source) {
  auto bio = memory_bio(pem);
  X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!cert) {
    return base::Error{
        make_error_code(errc::ca_corrupt),
        std::string(source) + " does not hold a PEM certificate (" + last_openssl_error() + ")",
        "replace it with the CA's .crt file"};
  }
  return describe(cert.get());
}

}  // namespace postern::certs
