#include "certs/exporter.hpp"

#include <openssl/err.h>
#include <openssl/pkcs12.h>

#include "base/files.hpp"
#include "certs/errc.hpp"
#include "certs/openssl_handles.hpp"

namespace postern::certs {

namespace {

base::Error export_error(const std::string& what) {
  std::string detail = last_openssl_error();
  ERR_clear_error();
  return base::Error{make_error_code(errc::openssl_failure),
                     what + (detail.empty() ? "" : ": " + detail), "report this as a bug"};
}

// A PKCS#12 file holding the CA certificate and nothing else: the CA key never leaves the
// machine. The certificate bag is not encrypted (nid_cert = -1), so no password is needed to
// read it; the MAC is kept, over the empty password, because some importers refuse a file
// without one and "no password" prompts then succeed with an empty entry.
base::Result<std::string> pkcs12_of(const CertificateAuthority& ca) {
  const std::string label = ca.store_label();  // the name the device shows for the entry
  Pkcs12Ptr p12(PKCS12_create("", label.c_str(), /*pkey=*/nullptr, ca.certificate(),
                              /*ca=*/nullptr, /*nid_key=*/-1, /*nid_cert=*/-1, /*iter=*/0,
                              /*mac_iter=*/0, /*keytype=*/0));
  if (!p12) return export_error("cannot build the PKCS#12 file for " + ca.files().cert.string());
  unsigned char* der = nullptr;
  const int size = i2d_PKCS12(p12.get(), &der);
  if (size <= 0) return export_error("cannot encode the PKCS#12 file");
  std::string bytes(reinterpret_cast<char*>(der), static_cast<std::size_t>(size));
  OPENSSL_free(der);
  return bytes;
}

}  // namespace

std::optional<ExportFormat> parse_export_format(std::string_view name) {
  if (name == "pem") return ExportFormat::pem;
  if (name == "der") return ExportFormat::der;
  if (name == "p12") return ExportFormat::p12;
  return std::nullopt;
}

base::Result<std::string> export_certificate(const CertificateAuthority& ca, ExportFormat format) {
  switch (format) {
    case ExportFormat::pem:
      return ca.pem();
    case ExportFormat::der:
      return ca.der();
    case ExportFormat::p12:
      return pkcs12_of(ca);
  }
  return base::Error{make_error_code(errc::openssl_failure), "unknown export format",
                     "use pem, der or p12"};
}

base::Result<base::Ok> export_certificate_to(const CertificateAuthority& ca, ExportFormat format,
                                             const std::filesystem::path& out) {
  auto bytes = export_certificate(ca, format);
  if (!bytes) return bytes.error();
  // 0644: a certificate is public, and the tools that import it may run as another user.
  auto wrote = base::write_file_atomically(out, bytes.value(), base::FileMode::world_read);
  if (!wrote) {
    return base::Error{make_error_code(errc::write_failed), wrote.error().message,
                       wrote.error().remedy};
  }
  return base::Ok{};
}

}  // namespace postern::certs
