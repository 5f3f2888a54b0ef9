#pragma once
// Asking OpenSSL the question a TLS client asks: is this root trusted by these anchors? Used by
// the Linux system store's check (the refreshed bundle is what curl, Python and Postern's own
// upstream TLS read) and by the live trust probe.

#include <openssl/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace postern::platform::trust {

/// Where an OpenSSL client looks for trusted roots.
struct TrustAnchors {
  bool default_paths = true;  ///< OpenSSL's built-in file and folder (or SSL_CERT_FILE/DIR)
  std::optional<std::filesystem::path> file;  ///< a PEM bundle to load as well
  std::optional<std::filesystem::path> dir;  ///< a hashed folder (openssl rehash) to search as well
};

/// The answer for one certificate.
struct TrustVerdict {
  bool trusted = false;  ///< X509_verify_cert succeeded
  std::string reason;    ///< when not trusted: OpenSSL's verify error text, or why it could not ask
};

/// Loads `anchors` into `store`; false when an explicit file or folder could not be loaded.
bool load_anchors(X509_STORE* store, const TrustAnchors& anchors);

/// Verifies the self-signed root in `pem` against `anchors` with partial chains off, so it is
/// trusted exactly when the anchors contain it.
TrustVerdict verify_root(std::string_view pem, const TrustAnchors& anchors);

}  // namespace postern::platform::trust
