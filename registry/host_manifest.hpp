#pragma once
// The native-messaging host manifest (DESIGN.md "Native messaging"; recipe chromium-e2e §3):
// built from a struct, checked against the rules the browsers enforce when they load the file,
// rendered to JSON, and parsed back when doctor or the registrar meets a file already on disk.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/app_paths.hpp"
#include "base/result.hpp"

namespace postern::registry {

/// The host name Postern registers; the manifest file is "<name>.json".
inline constexpr std::string_view kHostName = "com.postern.bridge";

/// Which manifest dialect a browser reads.
enum class BrowserFamily {
  chromium,  ///< Chrome, Chromium, Edge, Brave, Vivaldi, Opera: `allowed_origins`
  firefox,   ///< Firefox: `allowed_extensions`
};

/// "chromium" or "firefox".
std::string_view to_string(BrowserFamily family);

/// A host manifest, as Postern writes it or as it was found on disk.
struct HostManifest {
  std::string name;            ///< host name; must equal the file's base name
  std::string description;     ///< required by both families, though no browser shows it
  std::string path;            ///< absolute path of the host executable
  std::string type = "stdio";  ///< the only type either family accepts
  std::vector<std::string> allowed_origins;     ///< Chromium family: "chrome-extension://<id>/"
  std::vector<std::string> allowed_extensions;  ///< Firefox: "name@domain" or "{uuid}" IDs
};

/// Checks `manifest` for `family` against every rule the browser enforces on load (recipe §3
/// table): host name, non-empty description, absolute path, type "stdio", and origins with the
/// trailing slash and no wildcard (Chromium) or well-formed add-on IDs (Firefox). `os` decides
/// what an absolute path looks like. The error (MANIFEST_INVALID) names the field and the rule.
base::Result<base::Ok> validate(const HostManifest& manifest, BrowserFamily family,
                                base::Os os = base::current_os());

/// The manifest file's bytes: 2-space-indented JSON with a trailing newline, fields in the
/// documented order, only the origin list `family` reads. Fails as validate() does.
base::Result<std::string> render(const HostManifest& manifest, BrowserFamily family,
                                 base::Os os = base::current_os());

/// Parses a manifest file's text; `source` names the file in errors. Checks JSON syntax and the
/// type of each known field only, so a foreign or stale manifest still parses and validate()
/// can say what is wrong with it. A leading UTF-8 BOM is accepted, as Chromium does. Never throws.
base::Result<HostManifest> parse_manifest(std::string_view text,
                                          const std::filesystem::path& source);

/// Lower-case words of [a-z0-9_] joined by single dots (Chromium's rule; Firefox's is laxer).
bool is_valid_host_name(std::string_view name);
/// A Chromium extension ID: exactly 32 letters 'a'..'p'.
bool is_valid_extension_id(std::string_view id);
/// "chrome-extension://<extension ID>/", with the trailing slash Chromium requires.
bool is_valid_chrome_origin(std::string_view origin);
/// A Firefox add-on ID: "name@domain" or a braced UUID ("{8-4-4-4-12 hex}").
bool is_valid_firefox_extension_id(std::string_view id);

/// The origin string for an extension ID: "chrome-extension://<id>/".
std::string chrome_origin(std::string_view extension_id);
/// The file name browsers look for: "<host name>.json".
std::string manifest_file_name(std::string_view host_name);

}  // namespace postern::registry
