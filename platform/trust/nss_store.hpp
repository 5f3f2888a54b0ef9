#pragma once
// The NSS trust store ("nss"): Chromium on Linux and Firefox everywhere keep their own certificate
// databases, which only NSS's certutil edits. Targets are "sql:<dir>" databases found by
// nss_databases; each install adds the CA with trust "C,,", each uninstall removes it by label and
// by fingerprint (practice 2).

#include <optional>
#include <string>
#include <string_view>

#include "base/app_paths.hpp"
#include "base/environment.hpp"
#include "platform/command_runner.hpp"
#include "platform/trust/certutil_commands.hpp"
#include "platform/trust/nss_databases.hpp"
#include "platform/trust/trust_store.hpp"

namespace postern::platform::trust {

/// How to get certutil, chosen from the package manager that exists (first match wins).
struct CertutilHint {
  std::string_view package_manager;  ///< a tool whose presence names the distribution
  std::string_view hint;             ///< the command that installs certutil there
};

/// Package-manager rows, in search order.
inline constexpr std::array<CertutilHint, 6> kCertutilHints{{
    {"apt-get", "apt-get install libnss3-tools"},
    {"dnf", "dnf install nss-tools"},
    {"yum", "yum install nss-tools"},
    {"pacman", "pacman -S nss"},
    {"zypper", "zypper install mozilla-nss-tools"},
    {"brew", "brew install nss"},
}};

/// The NSS store. Never elevates: the databases belong to the user, and running certutil as root
/// on them would leave root-owned files that lock the browser out.
class NssStore final : public TrustStore {
 public:
  /// `runner` must outlive the store; `env` gives HOME and XDG_DATA_HOME.
  NssStore(base::Environment env, CommandRunner& runner, base::Os os = base::current_os());

  /// "nss".
  std::string_view name() const override { return "nss"; }
  /// certutil, every usable database as a target, and profiles that are not usable yet.
  Probe probe() const override;
  /// already when the CA is listed (under its label, or an older Postern name) with trust C and
  /// `certutil -V -u L` passes.
  base::Outcome check(const CaRef& ca, const std::string& target) const override;
  /// Creates Chromium's database if needed, then adds the CA (or fixes its trust flags).
  base::Outcome install(const CaRef& ca, const std::string& target) override;
  /// Deletes every certificate under `label`, and older Postern nicknames holding this CA.
  base::Outcome uninstall(const CaRef& ca, const std::string& target) override;
  /// Deletes the database files (cert9.db, key4.db, pkcs11.txt) when it holds no certificate and
  /// no key; kept (already) otherwise. Only called for databases Postern created.
  base::Outcome remove_if_unused(const std::string& target) override;

 private:
  std::optional<Certutil> certutil() const;
  std::string install_hint() const;
  bool initialisable(const std::string& target) const;
  std::optional<NssEntry> find_holder(const Certutil& tool, const CaRef& ca, const std::string& db,
                                      const std::vector<NssEntry>& entries,
                                      bool* label_taken) const;
  bool holds_only(const Certutil& tool, const std::string& db, const std::string& nickname,
                  const CaRef& ca) const;
  base::Outcome inspect(const Certutil& tool, const CaRef& ca, const std::string& db,
                        std::string* holder) const;
  base::Outcome create_database(const Certutil& tool, const std::filesystem::path& dir);
  base::Outcome delete_nickname(const Certutil& tool, const std::string& db,
                                const std::string& nickname, int* removed);
  std::vector<std::string> legacy_nicknames(const Certutil& tool, const CaRef& ca,
                                            const std::string& db) const;
  base::Outcome finish(base::Outcome outcome, std::string_view step) const;

  base::Environment env_;
  CommandRunner& runner_;
  base::Os os_;
};

/// Runs `certutil -V -n <label> -u L` on one database: the check that NSS itself accepts the CA as
/// an SSL CA. Used by NssStore::check and by the live trust probe.
base::Outcome verify_in_nss(CommandRunner& runner, const Certutil& tool, const CaRef& ca,
                            const std::string& db);

}  // namespace postern::platform::trust
