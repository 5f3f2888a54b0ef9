// The manifest-file registrar for Linux and macOS: `<folder>/<host name>.json`, written
// atomically with mode 0644 (the browser runs as the user, and system manifests are read by
// every user). User-scope folders are written as the user and never through sudo, so no
// root-owned file ever lands in a home folder; system-scope folders go through the
// PrivilegedRunner, which raises privileges for that one write (practice 5).
#include <sys/stat.h>

#include <optional>
#include <system_error>
#include <vector>

#include "base/codes.hpp"
#include "base/files.hpp"
#include "registry/registrar.hpp"

namespace postern::registry {

namespace fs = std::filesystem;
namespace codes = base::codes;

namespace {

constexpr std::string_view kStore = "manifest-file";

base::Outcome with_step(base::Outcome outcome, std::string_view step, const Location& location) {
  outcome.step = std::string(step);
  outcome.store = std::string(kStore);
  if (outcome.target.empty()) outcome.target = location.manifest_file.string();
  return outcome;
}

bool is_permission_error(const std::error_code& code) {
  return code == std::errc::permission_denied || code == std::errc::operation_not_permitted ||
         code == std::errc::read_only_file_system;
}

base::Outcome io_failure(const Location& location, const std::string& message,
                         const std::error_code& code) {
  const std::string folder = location.folder.string();
  if (is_permission_error(code)) {
    return base::failed(std::string(kStore), location.manifest_file.string(),
                        std::string(codes::file_permissions_required), message,
                        "make " + folder + " writable by you (it should be in your own profile)");
  }
  return base::failed(std::string(kStore), location.manifest_file.string(),
                      std::string(codes::file_write_failed), message,
                      "free some disk space or check " + folder + ", then run setup again");
}

// Creates `folder` and its missing parents, each 0700: Chromium makes its user-data-dir 0700,
// and a profile folder Postern creates before the browser's first run must not be wider.
base::Result<base::Ok> create_private_folders(const fs::path& folder) {
  std::vector<fs::path> missing;
  std::error_code ec;
  for (fs::path dir = folder; !dir.empty() && !fs::exists(dir, ec); dir = dir.parent_path()) {
    missing.push_back(dir);
    if (dir == dir.parent_path()) break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (::mkdir(it->c_str(), 0700) != 0 && errno != EEXIST) {
      const std::error_code code(errno, std::generic_category());
      return base::Error{code, "cannot create folder " + it->string() + ": " + code.message(), ""};
    }
  }
  return base::Ok{};
}

// A Windows row (a registry key) cannot be served by files; say so instead of writing a file
// nobody reads.
std::optional<base::Outcome> unsupported(const Location& location, std::string_view step) {
  if (location.hive == RegistryHive::none) return std::nullopt;
  auto outcome =
      base::failed(std::string(kStore), location.target(), std::string(codes::unsupported),
                   location.target() +
                       " is a Windows registry key; this build "
                       "registers hosts with manifest files only",
                   "run Postern on Windows to register " + location.display);
  outcome.step = std::string(step);
  return outcome;
}

class PosixFileRegistrar final : public Registrar {
 public:
  explicit PosixFileRegistrar(platform::PrivilegedRunner& privileged) : privileged_(privileged) {}

  std::string_view name() const override { return kStore; }

  base::Outcome check(const HostManifest& manifest, const Location& location) const override {
    if (auto refused = unsupported(location, "check")) return *refused;
    return check_manifest_file(location.manifest_file, manifest, location, kStore);
  }

  base::Outcome install(const HostManifest& manifest, const Location& location,
                        const InstallOptions& options) override {
    if (auto refused = unsupported(location, "install")) return *refused;
    auto bytes = render(manifest, location.family, location.os);
    if (!bytes) {
      return with_step(base::failed(std::string(kStore), "", std::string(codes::manifest_invalid),
                                    bytes.error().message, bytes.error().remedy),
                       "install", location);
    }
    const auto file = inspect_manifest_file(location.manifest_file, manifest, bytes.value());
    const std::string target = location.manifest_file.string();
    switch (file.state) {
      case ManifestState::ours:
        return with_step(base::already(std::string(kStore), target,
                                       target + " is already in place for " + location.display),
                         "install", location);
      case ManifestState::unreadable:
        return with_step(
            base::failed(std::string(kStore), target, std::string(codes::file_permissions_required),
                         file.detail, "make " + target + " readable, or remove it"),
            "install", location);
      case ManifestState::invalid:
      case ManifestState::foreign:
        if (!options.replace_foreign) {
          return with_step(foreign_outcome(kStore, "install", target, file, true), "install",
                           location);
        }
        break;
      case ManifestState::missing:
      case ManifestState::ours_stale:
        break;
    }
    auto written = write(location, bytes.value());
    if (!written.ok()) return with_step(std::move(written), "install", location);
    std::string cause = file.state == ManifestState::missing      ? "wrote "
                        : file.state == ManifestState::ours_stale ? "updated "
                                                                  : "replaced another program's ";
    return with_step(base::done(std::string(kStore), target,
                                cause + target + " for " + location.display + " (" +
                                    std::string(to_string(location.scope)) + " scope)"),
                     "install", location);
  }

  base::Outcome uninstall(const HostManifest& manifest, const Location& location) override {
    if (auto refused = unsupported(location, "uninstall")) return *refused;
    auto bytes = render(manifest, location.family, location.os);
    const auto file = inspect_manifest_file(location.manifest_file, manifest,
                                            bytes ? bytes.value() : std::string());
    const std::string target = location.manifest_file.string();
    switch (file.state) {
      case ManifestState::missing:
        return with_step(base::already(std::string(kStore), target, target + " is not there"),
                         "uninstall", location);
      case ManifestState::unreadable:
        return with_step(
            base::failed(std::string(kStore), target, std::string(codes::file_permissions_required),
                         file.detail, "check " + target + " and remove it by hand if it is ours"),
            "uninstall", location);
      case ManifestState::invalid:
      case ManifestState::foreign:
        return with_step(foreign_outcome(kStore, "uninstall", target, file, false), "uninstall",
                         location);
      case ManifestState::ours:
      case ManifestState::ours_stale:
        break;
    }
    return with_step(remove(location), "uninstall", location);
  }

 private:
  base::Outcome write(const Location& location, const std::string& bytes) {
    if (location.scope == Scope::system)
      return privileged_.write_file(location.manifest_file, bytes);
    auto folders = create_private_folders(location.folder);
    if (!folders) return io_failure(location, folders.error().message, folders.error().code);
    auto written =
        base::write_file_atomically(location.manifest_file, bytes, base::FileMode::world_read);
    if (!written) return io_failure(location, written.error().message, written.error().code);
    return base::done(std::string(kStore), location.manifest_file.string(), "written");
  }

  base::Outcome remove(const Location& location) {
    const std::string target = location.manifest_file.string();
    if (location.scope == Scope::system) {
      auto removed = privileged_.remove_file(location.manifest_file);
      if (removed.ok()) removed.cause = "removed " + target;
      return removed;
    }
    std::error_code ec;
    if (!fs::remove(location.manifest_file, ec) && ec) {
      return io_failure(location, "cannot remove " + target + ": " + ec.message(), ec);
    }
    // An empty NativeMessagingHosts folder is left by nobody else's data; browsers recreate it
    // when they start, so removing it returns the profile to how it was before setup.
    if (fs::is_empty(location.folder, ec) && !ec) fs::remove(location.folder, ec);
    return base::done(std::string(kStore), target, "removed " + target);
  }

  platform::PrivilegedRunner& privileged_;
};

}  // namespace

std::unique_ptr<Registrar> make_os_registrar(platform::PrivilegedRunner& privileged) {
  return std::make_unique<PosixFileRegistrar>(privileged);
}

}  // namespace postern::registry
