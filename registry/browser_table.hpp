#pragma once
// Where each browser looks for native-messaging host manifests (practice 4: detection is data).
// One row per (browser, OS, scope) location: a manifest folder with placeholders, plus, on
// Windows, the registry key whose default value names the manifest file. A new browser is a new
// row in kBrowsers and its rows in kManifestLocations. A (browser, OS, scope) may have two rows
// where sources disagree; Postern then writes both (see the comments on those rows).

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/app_paths.hpp"
#include "base/environment.hpp"
#include "base/result.hpp"
#include "registry/host_manifest.hpp"

namespace postern::registry {

/// Who a registration is for.
enum class Scope {
  user,    ///< the current user: a folder in the profile, or HKCU
  system,  ///< every user: a root-owned folder, or HKLM (needs privileges)
};

/// "user" or "system".
std::string_view to_string(Scope scope);

/// How sure we are of a location.
enum class Confidence {
  verified,    ///< observed with a real browser on this machine (recipe chromium-e2e §3)
  documented,  ///< the vendor's documentation states it
  reported,    ///< third-party installers and bug threads agree; no vendor statement found
  inferred,    ///< read from the browser's source or its Chromium base; never observed
};

/// "verified", "documented", "reported" or "inferred".
std::string_view to_string(Confidence confidence);

/// A browser Postern supports.
struct BrowserInfo {
  std::string_view id;       ///< stable id used on the command line and in the ledger
  std::string_view display;  ///< shown to the user
  BrowserFamily family;      ///< which manifest dialect it reads
};

/// One place a browser reads host manifests from.
///
/// Placeholders in `folder`: {home} = $HOME; {xdg_config} = $XDG_CONFIG_HOME if absolute, else
/// $HOME/.config; {chrome_config} = $CHROME_CONFIG_HOME, else {xdg_config} (Chromium's
/// GetDefaultUserDataDirectory on Linux); {localappdata} = %LOCALAPPDATA%;
/// {programdata} = %ProgramData%. In `registry_key`: {name} = the host name.
struct ManifestLocation {
  std::string_view browser;       ///< a BrowserInfo id
  base::Os os;                    ///< the OS the row applies to
  Scope scope;                    ///< user or system
  std::string_view folder;        ///< where the manifest file goes
  std::string_view registry_key;  ///< Windows only: key under HKCU (user) / HKLM (system)
  Confidence confidence;          ///< how sure we are of this row
};

/// Every supported browser, in the order setup offers them.
std::span<const BrowserInfo> browsers();

/// Every known manifest location (the table in browser_table.cpp).
std::span<const ManifestLocation> manifest_locations();

/// The registry hive a Windows location lives in.
enum class RegistryHive { none, current_user, local_machine };

/// A ManifestLocation resolved for one environment and host name.
struct Location {
  std::string browser;                             ///< the BrowserInfo id
  std::string display;                             ///< the browser's display name
  BrowserFamily family = BrowserFamily::chromium;  ///< which dialect to write
  base::Os os = base::Os::Linux;                   ///< the OS of the row
  Scope scope = Scope::user;                       ///< user or system
  Confidence confidence = Confidence::reported;    ///< how sure the table is of this row
  std::filesystem::path folder;                    ///< the manifest folder
  std::filesystem::path manifest_file;     ///< folder + "<host name>.json", with the OS's separator
  RegistryHive hive = RegistryHive::none;  ///< Windows rows: HKCU or HKLM
  std::string registry_subkey;  ///< Windows rows: "Software\...\NativeMessagingHosts\<name>"

  /// "HKCU\Software\...\<name>" (or HKLM\...); empty for folder-only rows.
  std::string registry_key() const;
  /// What a user is shown: the registry key on Windows, the manifest file elsewhere.
  std::string target() const;
};

/// The browser with this id, or nullptr.
const BrowserInfo* find_browser(std::string_view id);

/// The rows for (browser, os, scope), in table order; empty for an unknown browser or a
/// combination the browser does not have.
std::vector<const ManifestLocation*> rows_for(std::string_view browser, base::Os os, Scope scope);

/// Replaces the placeholders in `text`; fails (location_unresolved) naming the unset variable
/// or the unknown placeholder.
base::Result<std::string> expand_placeholders(std::string_view text, const base::Environment& env,
                                              std::string_view host_name = kHostName);

/// Resolves one row.
base::Result<Location> resolve(const ManifestLocation& row, const base::Environment& env,
                               std::string_view host_name = kHostName);

/// Resolves every row for (browser, os, scope).
base::Result<std::vector<Location>> locations_for(std::string_view browser, base::Os os,
                                                  Scope scope, const base::Environment& env,
                                                  std::string_view host_name = kHostName);

}  // namespace postern::registry
