#pragma once
// The bridge's key file, `<config>/bridge/key.json` (0600, written atomically):
//   {"version":1,"kind":"install"|"custom","key_b64":"<32 bytes>","paired_origins":[...]}
// "install" keys are random and handed once to each allowed origin on first connect (the
// origins are listed in paired_origins); "custom" keys are derived by `postern set-key` from the
// text the user also types into the extension. The file holds the DERIVED key, never the typed
// text: the text stays with the user, and the bridge starts without running PBKDF2 (200000
// iterations cost tens of milliseconds, over the whole start-up budget).

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/app_paths.hpp"
#include "base/result.hpp"
#include "runtime/bridge/envelope.hpp"

namespace postern::bridge {

/// Where a key came from.
enum class KeyKind {
  install,  ///< random per install, paired on first connect
  custom,   ///< derived from a key the user typed on both sides
};

/// "install" or "custom".
std::string_view to_string(KeyKind kind);

/// The contents of the key file.
struct BridgeKey {
  KeyKind kind = KeyKind::install;          ///< how the key was made
  Key key{};                                ///< the AES-256 key
  std::vector<std::string> paired_origins;  ///< origins the install key was handed to
  /// True when the install key was already handed to `origin`.
  bool paired_with(std::string_view origin) const;
};

/// Where the bridge keeps its key: load it (nullopt when there is none yet) and save it.
/// An interface so that BridgeSession can be tested with a key store in memory.
class KeyStore {
 public:
  virtual ~KeyStore() = default;
  /// The stored key, nullopt when none exists, or an error for a damaged or unreadable store.
  virtual base::Result<std::optional<BridgeKey>> load() = 0;
  /// Stores `key`, replacing a valid older key; never replaces a damaged store.
  virtual base::Status_or_error save(const BridgeKey& key) = 0;
};

/// Parses the key file's text; `path` only names the file in messages.
base::Result<BridgeKey> parse_key_file(std::string_view text, const std::filesystem::path& path);
/// The key file's text for `key`.
std::string serialise_key_file(const BridgeKey& key);

/// The key file on disk.
class BridgeKeyStore final : public KeyStore {
 public:
  /// A store for the key file at `file`.
  explicit BridgeKeyStore(std::filesystem::path file) : file_(std::move(file)) {}
  /// `<config>/bridge/key.json` for `paths`.
  static std::filesystem::path default_file(const base::AppPaths& paths);

  /// Reads the file: nullopt when it does not exist, errc::key_file_corrupt when it is not a key
  /// file (it is never "repaired"), errc::key_file_unreadable when it cannot be read.
  base::Result<std::optional<BridgeKey>> load() override;
  /// Refuses (errc::key_file_corrupt) when the current file exists but does not parse: the
  /// user decides what happens to it, for example with `postern set-key`.
  base::Status_or_error save(const BridgeKey& key) override;
  /// The file this store reads and writes.
  const std::filesystem::path& file() const { return file_; }

 private:
  std::filesystem::path file_;
};

}  // namespace postern::bridge
