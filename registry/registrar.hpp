#pragma once
// Registering the host with one browser location (practice 1: one small interface whose
// check / install / uninstall mirror each other; practice 2: install is "already" when the check
// passes, uninstall treats "not there" as success). One implementation per OS family, chosen by
// the build (practice 3): manifest files on Linux and macOS, registry keys + files on Windows.
// A file or key at our path that is not ours is never overwritten or removed silently.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/outcome.hpp"
#include "platform/privileged.hpp"
#include "registry/browser_table.hpp"
#include "registry/host_manifest.hpp"

namespace postern::registry {

/// Choices the user makes for install().
struct InstallOptions {
  bool replace_foreign = false;  ///< overwrite a manifest that is not ours (the user asked to)
};

/// Registers the native-messaging host for one resolved Location.
class Registrar {
 public:
  virtual ~Registrar() = default;

  /// Short name shown as the outcome's store ("manifest-file", "windows-registry").
  virtual std::string_view name() const = 0;
  /// Would the browser at `location` start our host? "already" when yes; otherwise failed with
  /// MANIFEST_MISSING, MANIFEST_INVALID, FOREIGN_MANIFEST, ORIGIN_NOT_ALLOWED,
  /// HOST_NOT_EXECUTABLE, FILE_PERMISSIONS_REQUIRED or REGISTRY_ACCESS_NEEDED.
  virtual base::Outcome check(const HostManifest& manifest, const Location& location) const = 0;
  /// Writes the manifest (and key). "already" when the same bytes are in place; FOREIGN_MANIFEST
  /// when another program's file is there and `options.replace_foreign` is not set.
  virtual base::Outcome install(const HostManifest& manifest, const Location& location,
                                const InstallOptions& options = {}) = 0;
  /// Removes the manifest (and key) if they are ours; "already" when not there; "skipped" with
  /// FOREIGN_MANIFEST when what is there belongs to another program.
  virtual base::Outcome uninstall(const HostManifest& manifest, const Location& location) = 0;
};

/// The registrar of this build: files through `privileged` on POSIX, the registry on Windows.
/// `privileged` must outlive the registrar.
std::unique_ptr<Registrar> make_os_registrar(platform::PrivilegedRunner& privileged);

/// What is at a manifest path, compared with the manifest Postern would write there.
enum class ManifestState {
  missing,     ///< no file
  unreadable,  ///< a file we may not read (or too large to be a manifest)
  invalid,     ///< not a JSON object with string fields: another program's, or damaged
  foreign,     ///< a manifest whose `path` is not our host's
  ours_stale,  ///< ours (same `path`), but not the bytes this version writes
  ours,        ///< exactly the bytes this version writes
};

/// What inspect_manifest_file() found.
struct ManifestFile {
  ManifestState state = ManifestState::missing;  ///< the verdict
  std::optional<HostManifest> found;             ///< the parsed file, when it parsed
  std::string detail;  ///< for unreadable/invalid: the error, naming the file
};

/// Reads `file` and compares it with `expected_bytes` and `ours` (a manifest is ours when its
/// `path` is our host's path).
ManifestFile inspect_manifest_file(const std::filesystem::path& file, const HostManifest& ours,
                                   std::string_view expected_bytes);

/// The checks both registrars share once the manifest file is known: parse, ownership, the
/// browser's rules, our origins, an executable host. `store` names the registrar.
base::Outcome check_manifest_file(const std::filesystem::path& file, const HostManifest& ours,
                                  const Location& location, std::string_view store);

/// True when `path` is a regular file the browser can execute.
bool is_host_executable(const std::filesystem::path& path);

/// The FOREIGN_MANIFEST outcome for `target` (file or key) holding another program's manifest.
base::Outcome foreign_outcome(std::string_view store, std::string_view step,
                              const std::string& target, const ManifestFile& file, bool installing);

}  // namespace postern::registry
