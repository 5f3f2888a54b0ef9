#pragma once
// The Linux system trust store (practice 1 and 4): a PEM anchor file in the distribution's local
// anchor folder plus the distribution's refresh command, which rebuilds the bundle OpenSSL, curl,
// Python and most other clients read. Which distribution this is comes from a table, searched in
// a fixed order for what exists under a root prefix (tests use a temp folder as the root).

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "platform/command_runner.hpp"
#include "platform/privileged.hpp"
#include "platform/trust/trust_store.hpp"

namespace postern::platform::trust {

/// One family of distributions: where local anchors go and how the bundle is rebuilt.
struct LinuxTrustLayout {
  std::string_view family;      ///< "Debian/Ubuntu", shown to the user
  std::string_view marker;      ///< a path only this family has; with the tool, identifies it
  std::string_view anchor_dir;  ///< where a local administrator puts extra roots
  std::array<std::string_view, 2> refresh;  ///< the rebuild command (empty words are dropped)
  std::string_view bundle;     ///< the PEM bundle the rebuild writes (checked under a test root)
  std::string_view tool_hint;  ///< how to get the refresh tool
};

/// Every family Postern knows, in search order. Adding a distribution means adding a row.
inline constexpr std::array<LinuxTrustLayout, 4> kLinuxTrustLayouts{{
    // /usr/local/share exists everywhere, so Debian is recognised by the config file its
    // update-ca-certificates reads (openSUSE's tool of the same name has none).
    {"Debian/Ubuntu",
     "/etc/ca-certificates.conf",
     "/usr/local/share/ca-certificates",
     {"update-ca-certificates", ""},
     "/etc/ssl/certs/ca-certificates.crt",
     "apt-get install ca-certificates"},
    {"Fedora/RHEL",
     "/etc/pki/ca-trust/source",
     "/etc/pki/ca-trust/source/anchors",
     {"update-ca-trust", "extract"},
     "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
     "dnf install ca-certificates"},
    {"Arch",
     "/etc/ca-certificates/trust-source",
     "/etc/ca-certificates/trust-source/anchors",
     {"trust", "extract-compat"},
     "/etc/ca-certificates/extracted/tls-ca-bundle.pem",
     "pacman -S ca-certificates-utils"},
    // /etc/pki/trust/anchors is openSUSE's place for the administrator's roots; /usr/share/pki
    // belongs to packages and is read-only on transactional systems (MicroOS, Aeon).
    {"openSUSE",
     "/etc/pki/trust",
     "/etc/pki/trust/anchors",
     {"update-ca-certificates", ""},
     "/var/lib/ca-certificates/ca-bundle.pem",
     "zypper install ca-certificates"},
}};

/// What the finder saw for one family.
struct LayoutMatch {
  const LinuxTrustLayout* layout = nullptr;  ///< the family
  bool tool_found = false;                   ///< its refresh tool exists
};

/// The first family whose marker and refresh tool both exist under `root`; else the first whose
/// marker exists (tool_found false); else nullopt. `runner` finds tools when root is "/".
std::optional<LayoutMatch> find_linux_layout(const std::filesystem::path& root,
                                             const CommandRunner& runner);

/// The anchor file name for a label: lower case, every other character '-', ".crt".
/// "Postern Proxy CA 0a1b2c3d4e5f6789" -> "postern-proxy-ca-0a1b2c3d4e5f6789.crt".
std::string anchor_file_name(std::string_view label);

/// The system store ("system"). Targets are anchor folders, as probe() lists them.
class LinuxSystemStore final : public TrustStore {
 public:
  /// `root` prefixes every path ("/" for the real system). Both runners must outlive the store.
  LinuxSystemStore(CommandRunner& runner, PrivilegedRunner& privileged,
                   std::filesystem::path root = "/");

  /// "system".
  std::string_view name() const override { return "system"; }
  /// The detected family, its anchor folder as the one target, and the tool hint if missing.
  Probe probe() const override;
  /// already when our anchor file holds this CA and the system bundle trusts it.
  base::Outcome check(const CaRef& ca, const std::string& target) const override;
  /// Writes the anchor file (as root if needed) and runs the refresh; only refreshes when the
  /// file is already right but the bundle is stale.
  base::Outcome install(const CaRef& ca, const std::string& target) override;
  /// Removes our anchor file and older Postern files with the same fingerprint, then refreshes.
  base::Outcome uninstall(const CaRef& ca, const std::string& target) override;

 private:
  struct Resolved;
  std::optional<Resolved> resolve(const std::string& target, base::Outcome& failure,
                                  std::string_view step) const;
  bool bundle_trusts(const CaRef& ca, const LinuxTrustLayout& layout, std::string* reason) const;
  base::Outcome refresh(const LinuxTrustLayout& layout);
  base::Outcome finish(base::Outcome outcome, std::string_view step) const;

  CommandRunner& runner_;
  PrivilegedRunner& privileged_;
  std::filesystem::path root_;
};

}  // namespace postern::platform::trust
