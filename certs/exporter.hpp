#pragma once
// Exporting the CA certificate (never its key) in the formats devices import.

#include <filesystem>
#include <optional>
#include <string>

#include "base/result.hpp"
#include "certs/certificate_authority.hpp"

namespace postern::certs {

/// Formats `postern ca export` writes.
enum class ExportFormat {
  pem,  ///< .crt/.pem: Linux, macOS, iOS, Firefox, Chrome
  der,  ///< .cer: Android and Windows double-click install
  p12,  ///< .p12 with the certificate only (no key), no password: Android/iOS profile tools
};

/// Parses "pem" / "der" / "p12"; nullopt otherwise.
std::optional<ExportFormat> parse_export_format(std::string_view name);

/// The bytes of the CA certificate in `format`.
base::Result<std::string> export_certificate(const CertificateAuthority& ca, ExportFormat format);

/// Writes export_certificate() to `out` atomically, mode 0644.
base::Result<base::Ok> export_certificate_to(const CertificateAuthority& ca, ExportFormat format,
                                             const std::filesystem::path& out);

}  // namespace postern::certs
