#pragma once
// Which supported browsers are installed, found by their executable or their profile, never by
// whether a NativeMessagingHosts folder exists (another installer may have made one). Snap and
// Flatpak installs are reported with BROWSER_SANDBOXED, and Chromium-family policies that block
// our host with NM_POLICY_BLOCKED. The probes are a table (practice 4); a filesystem root prefix
// and an Environment make every case testable with fake installs in a temp folder.

#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/app_paths.hpp"
#include "base/environment.hpp"
#include "base/outcome.hpp"
#include "registry/host_manifest.hpp"

namespace postern::registry {

/// How a browser was packaged.
enum class Packaging {
  native,   ///< a distribution or vendor package; starts hosts normally
  snap,     ///< a snap: confined, cannot start programs outside the snap
  flatpak,  ///< a Flatpak: sandboxed, cannot start programs on the host
};

/// "native", "snap" or "flatpak".
std::string_view to_string(Packaging packaging);

/// What a probe looks at.
enum class ProbeKind {
  executable,  ///< a program file
  profile,     ///< a file the browser writes into its profile on first run
  app_path,    ///< Windows: an App Paths registry entry for this executable name
};

/// One place that proves a browser is installed.
///
/// `path` is absolute (looked up under the detection root) or starts with a placeholder of the
/// browser table ({home}, {xdg_config}, {chrome_config}, {localappdata}) plus {programfiles},
/// {programfiles_x86} and {xdg_data} ($XDG_DATA_HOME or ~/.local/share). For app_path it is the
/// executable name ("chrome.exe").
struct InstallProbe {
  std::string_view browser;  ///< a BrowserInfo id
  base::Os os;               ///< the OS the row applies to
  Packaging packaging;       ///< what finding it means
  ProbeKind kind;            ///< what `path` names
  std::string_view path;     ///< see above
};

/// Every known probe, in the order they are tried.
std::span<const InstallProbe> install_probes();

/// One installed browser (one per browser and packaging: a native and a snap Chromium are two).
struct DetectedBrowser {
  std::string browser;  ///< the BrowserInfo id
  std::string display;  ///< its display name, with "(snap)" / "(Flatpak)" added
  BrowserFamily family = BrowserFamily::chromium;  ///< which manifest dialect it reads
  Packaging packaging = Packaging::native;         ///< how it is packaged
  std::filesystem::path found_at;       ///< the executable or profile file that proved it
  std::vector<base::Outcome> problems;  ///< BROWSER_SANDBOXED and NM_POLICY_BLOCKED findings
  bool user_scope_blocked = false;      ///< a policy makes it ignore user-level manifests
};

/// Looks up a Windows App Paths entry ("chrome.exe" -> its full path); nullopt when absent.
using AppPathLookup = std::function<std::optional<std::filesystem::path>(std::string_view exe)>;

/// The real App Paths lookup (HKCU, then HKLM) on Windows; an empty function elsewhere.
AppPathLookup registry_app_path_lookup();

/// What detection reads.
struct DetectionContext {
  std::filesystem::path root = "/";  ///< prefix for absolute probe paths (a temp dir in tests)
  base::Environment env;             ///< HOME, XDG_*, LOCALAPPDATA, ...
  base::Os os = base::current_os();  ///< whose probe rows to use
  AppPathLookup app_path;            ///< App Paths lookup; empty to skip app_path probes
  std::string host_name = std::string(kHostName);  ///< the host policies are checked for
};

/// What detection found.
struct Detection {
  std::vector<DetectedBrowser> browsers;  ///< in table order
  std::vector<std::string> looked_for;    ///< every path probed, for the user and for doctor
  base::Outcome outcome;  ///< "already" naming what was found, or failed CHROME_NOT_INSTALLED
};

/// Runs every probe for `context.os`.
Detection detect_browsers(const DetectionContext& context);

}  // namespace postern::registry
