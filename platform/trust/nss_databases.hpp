#pragma once
// Where browsers keep their NSS certificate databases (practice 4: detection is data). Each row
// of the table names a browser, the folder it uses relative to HOME, XDG_DATA_HOME or APPDATA,
// and whether that folder is one database or a folder of profiles. Resolution reads only the
// Environment and the file system, so tests point HOME at a temp folder.

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/app_paths.hpp"
#include "base/environment.hpp"
#include "base/outcome.hpp"

namespace postern::platform::trust {

/// Which environment variable a location is relative to.
enum class NssBase {
  home,      ///< $HOME
  xdg_data,  ///< ${XDG_DATA_HOME:-$HOME/.local/share}
  appdata,   ///< %APPDATA% (Windows roaming profile)
};

/// How a location is laid out.
enum class NssLayout {
  database,  ///< the folder is one database, which the browser initialises itself if empty
  profiles,  ///< every sub-folder is a profile with its own database (Firefox)
};

/// How a database location is chosen within its group.
enum class NssPick {
  if_exists,  ///< used when the folder exists
  fallback,   ///< used (and created at install) when no earlier row of its group exists
};

/// One place a browser keeps NSS databases.
struct NssLocation {
  std::string_view browser;   ///< shown to the user
  std::string_view group;     ///< rows of one group are alternatives: the first that applies wins
  NssBase base;               ///< what `relative` is relative to
  std::string_view relative;  ///< the folder
  NssLayout layout;           ///< one database or a folder of profiles
  NssPick pick;               ///< existence rule within the group
  base::Os os;                ///< the OS this row applies to
};

/// Every location Postern knows. Chromium's rule (recipe chromium-e2e §1, §4; M146+): an existing
/// ~/.pki/nssdb wins, even empty; otherwise ${XDG_DATA_HOME:-~/.local/share}/pki/nssdb.
inline constexpr std::array<NssLocation, 8> kNssLocations{{
    {"Chromium", "chromium", NssBase::home, ".pki/nssdb", NssLayout::database, NssPick::if_exists,
     base::Os::Linux},
    {"Chromium", "chromium", NssBase::xdg_data, "pki/nssdb", NssLayout::database, NssPick::fallback,
     base::Os::Linux},
    {"Chromium (snap)", "chromium-snap", NssBase::home, "snap/chromium/current/.pki/nssdb",
     NssLayout::database, NssPick::if_exists, base::Os::Linux},
    {"Firefox", "firefox", NssBase::home, ".mozilla/firefox", NssLayout::profiles,
     NssPick::if_exists, base::Os::Linux},
    {"Firefox (snap)", "firefox-snap", NssBase::home, "snap/firefox/common/.mozilla/firefox",
     NssLayout::profiles, NssPick::if_exists, base::Os::Linux},
    {"Firefox (Flatpak)", "firefox-flatpak", NssBase::home,
     ".var/app/org.mozilla.firefox/.mozilla/firefox", NssLayout::profiles, NssPick::if_exists,
     base::Os::Linux},
    {"Firefox", "firefox", NssBase::home, "Library/Application Support/Firefox/Profiles",
     NssLayout::profiles, NssPick::if_exists, base::Os::MacOS},
    {"Firefox", "firefox", NssBase::appdata, "Mozilla/Firefox/Profiles", NssLayout::profiles,
     NssPick::if_exists, base::Os::Windows},
}};

/// One database Postern can install into.
struct NssDatabase {
  std::filesystem::path dir;   ///< the folder holding (or to hold) cert9.db
  std::string browser;         ///< whose it is
  bool initialised = false;    ///< cert9.db exists
  bool initialisable = false;  ///< Postern may create it with `certutil -N`, as the browser would

  /// "sql:<dir>", the form certutil takes and probe() lists.
  std::string target() const { return "sql:" + dir.string(); }
};

/// What discovery found.
struct NssDiscovery {
  std::vector<NssDatabase> databases;   ///< usable or creatable databases, in table order
  std::vector<base::Outcome> problems;  ///< profiles that exist but cannot be used yet
};

/// Resolves kNssLocations for `os` against `env` and the file system.
NssDiscovery discover_nss_databases(const base::Environment& env, base::Os os = base::current_os());

/// The folder in a "sql:<dir>" target; nullopt for anything else.
std::optional<std::filesystem::path> nss_target_dir(std::string_view target);

}  // namespace postern::platform::trust
