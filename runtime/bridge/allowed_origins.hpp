#pragma once
// Which extensions may talk to the bridge. The browser already enforces the host manifest's
// allowed_origins, but the bridge checks again (practice 20): a manifest can be edited, copied
// for another extension, or written by another program, and the bridge holds a key.
//
// The list is the built-in Postern extension plus `<config>/bridge/allowed-origins.json`:
//   {"allowed_origins":["chrome-extension://<32 a-p>/"],"allowed_extensions":["id@example"]}
// (the same two fields as the Chromium and Firefox host manifests, so setup writes the same
// lists into both). The config file was chosen over a file beside the binary: the binary's folder
// is replaced on upgrade, the config survives it, and `postern doctor` already reads the config.
// A damaged file adds nothing (the list only narrows to the built-in entry) and is reported.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/app_paths.hpp"
#include "base/result.hpp"

namespace postern::bridge {

/// The Postern extension's origin. Its ID is fixed by the `key` in extension/manifest.json (the
/// public key is in docs/bridge-protocol.md): SHA-256 of that key, first 16 bytes, nibbles a..p.
inline constexpr std::string_view kBuiltInExtensionOrigin =
    "chrome-extension://ocnfmjcdllbpfolgffoeocfckfbaakgm/";

/// True for `chrome-extension://<32 letters a-p>/`, the only form Chromium passes (recipe §3).
bool is_chromium_origin(std::string_view origin);
/// True for a Firefox add-on ID: `name@domain` or a `{UUID}`, printable ASCII, no spaces.
bool is_firefox_extension_id(std::string_view id);

/// The extensions allowed to use the bridge.
class AllowList {
 public:
  /// A list holding only kBuiltInExtensionOrigin.
  AllowList();
  /// A list of exactly `entries` (tests; the host uses load_allow_list()).
  explicit AllowList(std::vector<std::string> entries) : entries_(std::move(entries)) {}

  /// True when `origin` (a Chromium origin or a Firefox add-on ID) is on the list.
  bool allows(std::string_view origin) const;
  /// Every entry, built-in first.
  const std::vector<std::string>& entries() const { return entries_; }

 private:
  std::vector<std::string> entries_;
};

/// Parses allowed-origins.json's text into its entries; invalid entries are an error, so a typo
/// is reported rather than skipped. `path` only names the file in messages.
base::Result<std::vector<std::string>> parse_allow_list(std::string_view text,
                                                        const std::filesystem::path& path);

/// `<config>/bridge/allowed-origins.json`.
std::filesystem::path allow_list_file(const base::AppPaths& paths);

/// The built-in entry plus the entries of `file` when it exists. A damaged file leaves the
/// built-in list and sets `problem` (for the host's log); a missing file is no problem.
AllowList load_allow_list(const std::filesystem::path& file, std::string* problem);

/// The caller's identity from the host's arguments. Chromium passes `chrome-extension://ID/` as
/// the first argument (on Windows a `--parent-window=` follows); Firefox passes the manifest's
/// path first and the add-on ID second. `args` excludes the program name; the answer is empty
/// when neither form is present.
std::string caller_origin(const std::vector<std::string>& args);

}  // namespace postern::bridge
