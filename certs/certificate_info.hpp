#pragma once
// Facts about any PEM certificate, used where only the public certificate is at hand (the install
// ledger keeps the PEM of every CA it installed, so an old CA can be removed after its files are
// gone).

#include <chrono>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace postern::certs {

/// What Postern shows and compares about a certificate.
struct CertificateInfo {
  std::string der;         ///< DER bytes
  std::string sha256_hex;  ///< upper-case hex with colons (as browsers show it)
  std::string sha1_hex;    ///< upper-case hex, no colons
  std::string serial_hex;  ///< lower-case hex
  std::string subject_cn;  ///< the subject common name; "" when there is none
  std::chrono::system_clock::time_point not_before;  ///< start of the validity period
  std::chrono::system_clock::time_point not_after;   ///< end of the validity period
  bool is_ca = false;                                ///< basicConstraints CA:TRUE
};

/// Parses one PEM certificate; `source` names where it came from, for the error message.
base::Result<CertificateInfo> describe_pem(std::string_view pem, std::string_view source);

}  // namespace postern::certs
