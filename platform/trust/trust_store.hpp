#pragma once
// One interface for every trust store (practice 1): probe / check / install / uninstall, mirrored.
// One implementation file per store; the engine walks the stores in a fixed order.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/outcome.hpp"
#include "base/result.hpp"

namespace postern::platform::trust {

/// The CA as a store sees it: enough to install it, find it and remove it again. Built from the
/// live CA or from the PEM the install ledger kept, so removal never needs the CA's files.
struct CaRef {
  std::string label;       ///< unique, serial-qualified name for store entries
  std::string pem;         ///< certificate, PEM
  std::string der;         ///< certificate, DER
  std::string sha256_hex;  ///< upper-case hex with colons
  std::string sha1_hex;    ///< upper-case hex, no colons
};

/// Builds a CaRef from a PEM certificate (parses it and computes the fingerprints).
base::Result<CaRef> make_ca_ref(std::string label, std::string pem, std::string_view source);

/// What probe() found: is the store here, is its tool here, where are its databases.
struct Probe {
  bool present = false;      ///< the store exists on this machine
  bool tool_found = true;    ///< the tool it needs (certutil, update-ca-certificates) is there
  std::string tool;          ///< that tool's name
  std::string install_hint;  ///< how to get the tool ("apt-get install libnss3-tools")
  std::vector<std::string>
      targets;  ///< usable locations (NSS databases, anchor folder, store name)
  std::vector<base::Outcome> problems;  ///< locations found but unusable, each with code and remedy
  std::string detail;                   ///< one line for `postern ca status`
};

/// A trust store. Every call returns one Outcome per target and never throws for expected failures.
class TrustStore {
 public:
  virtual ~TrustStore() = default;
  /// Short stable name used on the command line and in the ledger ("system", "nss", ...).
  virtual std::string_view name() const = 0;
  /// Finds the store and its targets; cheap and read-only.
  virtual Probe probe() const = 0;
  /// already = trusted at `target`; failed with code CA_NOT_TRUSTED = not there.
  virtual base::Outcome check(const CaRef& ca, const std::string& target) const = 0;
  /// Adds the CA as trusted for TLS servers; already when check() passes.
  virtual base::Outcome install(const CaRef& ca, const std::string& target) = 0;
  /// Removes exactly this CA (by label and fingerprint); "not there" is success (already).
  virtual base::Outcome uninstall(const CaRef& ca, const std::string& target) = 0;
  /// Removes `target` itself when Postern created it and nothing else is in it any more (an NSS
  /// database made for Chromium); already when it is in use or the store has no such notion.
  virtual base::Outcome remove_if_unused(const std::string& target) {
    return base::already(std::string(name()), target, "kept");
  }
};

}  // namespace postern::platform::trust
