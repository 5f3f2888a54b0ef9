#pragma once
// NSS certutil command lines and output parsers, kept apart from NssStore so the exact argv and
// the parsing of certutil's listings are unit-tested without running it.

#include <string>
#include <string_view>
#include <vector>

namespace postern::platform::trust {

/// Trust flags for a CA that may issue TLS server certificates ("C" in the SSL field; the same
/// value Chromium's certificate manager sets, recipe chromium-e2e §4).
inline constexpr std::string_view kTlsCaTrust = "C,,";

/// Builds certutil command lines for one database ("sql:<dir>").
struct Certutil {
  std::string tool = "certutil";  ///< the program: "certutil" on PATH, or an absolute path

  /// Lists every certificate with its trust flags.
  std::vector<std::string> list(const std::string& db) const;
  /// `certutil -K -d <db>`: the private keys (exit 255 and "no keys found" when there are none).
  std::vector<std::string> list_keys(const std::string& db) const;
  /// Prints the certificates stored under `nickname` as PEM.
  std::vector<std::string> export_pem(const std::string& db, const std::string& nickname) const;
  /// Adds a certificate read from stdin (PEM) with kTlsCaTrust.
  std::vector<std::string> add(const std::string& db, const std::string& nickname) const;
  /// Sets kTlsCaTrust on a certificate already in the database.
  std::vector<std::string> set_trust(const std::string& db, const std::string& nickname) const;
  /// Verifies `nickname` for `usage` (L = SSL CA, V = SSL server).
  std::vector<std::string> verify(const std::string& db, const std::string& nickname,
                                  char usage) const;
  /// Deletes one certificate stored under `nickname`.
  std::vector<std::string> remove(const std::string& db, const std::string& nickname) const;
  /// Creates an empty database with no password, as Chromium does on first start.
  std::vector<std::string> create_db(const std::string& db) const;
};

/// One row of `certutil -L`.
struct NssEntry {
  std::string nickname;  ///< may contain spaces
  std::string trust;     ///< "SSL,S/MIME,JAR" flags, e.g. "C,,"
};

/// Parses the table `certutil -L -d <db>` prints; header lines are skipped.
std::vector<NssEntry> parse_certutil_list(std::string_view output);

/// True when the SSL field of `trust` makes the certificate a trusted CA for TLS servers.
bool trusted_for_tls(std::string_view trust);

/// True when certutil said the nickname does not exist.
bool certutil_not_found(std::string_view output);

/// Splits PEM text into its certificate blocks.
std::vector<std::string> split_pem_certificates(std::string_view text);

}  // namespace postern::platform::trust
