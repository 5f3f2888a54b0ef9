#include "registry/registrar.hpp"

#include <algorithm>
#include <system_error>

#include "base/codes.hpp"
#include "base/files.hpp"
#include "base/path_utf8.hpp"

namespace postern::registry {

namespace fs = std::filesystem;
namespace codes = base::codes;

namespace {

// A host manifest is a few hundred bytes; anything this large is not one.
constexpr std::size_t kMaxManifestBytes = 64 * 1024;

base::Outcome failure(std::string_view store, const fs::path& file, std::string_view code,
                      std::string cause, std::string remedy) {
  auto outcome = base::failed(std::string(store), file.string(), std::string(code),
                              std::move(cause), std::move(remedy));
  outcome.step = "check";
  return outcome;
}

// The host name the browser looks the manifest up by: the registry key's last part on Windows,
// the file's base name elsewhere (recipe §3: "name" must equal it).
std::string looked_up_name(const fs::path& file, const Location& location) {
  std::string name = location.hive != RegistryHive::none ? location.registry_subkey : file.string();
  // Windows rows keep '\' separators even when resolved on another OS (browser_table.cpp).
  const auto slash = name.find_last_of("/\\");
  if (slash != std::string::npos) name.erase(0, slash + 1);
  constexpr std::string_view ext = ".json";
  if (location.hive == RegistryHive::none && name.size() > ext.size() &&
      name.compare(name.size() - ext.size(), ext.size(), ext) == 0) {
    name.resize(name.size() - ext.size());
  }
  return name;
}

// Our origins (or add-on IDs) the file does not list.
std::vector<std::string> missing_origins(const HostManifest& found, const HostManifest& ours,
                                         BrowserFamily family) {
  const auto& want =
      family == BrowserFamily::firefox ? ours.allowed_extensions : ours.allowed_origins;
  const auto& have =
      family == BrowserFamily::firefox ? found.allowed_extensions : found.allowed_origins;
  std::vector<std::string> missing;
  for (const auto& origin : want) {
    if (std::find(have.begin(), have.end(), origin) == have.end()) missing.push_back(origin);
  }
  return missing;
}

}  // namespace

bool is_host_executable(const fs::path& path) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::is_regular_file(status)) return false;
  constexpr auto any_exec = fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec;
  return (status.permissions() & any_exec) != fs::perms::none;
}

ManifestFile inspect_manifest_file(const fs::path& file, const HostManifest& ours,
                                   std::string_view expected_bytes) {
  ManifestFile result;
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(file, ec))) return result;  // missing
  auto text = base::read_file(file, kMaxManifestBytes);
  if (!text) {
    result.state = ManifestState::unreadable;
    result.detail = text.error().message;
    return result;
  }
  auto parsed = parse_manifest(text.value(), file);
  if (!parsed) {
    result.state = ManifestState::invalid;
    result.detail = parsed.error().message;
    return result;
  }
  result.found = parsed.value();
  if (result.found->path != ours.path) {
    result.state = ManifestState::foreign;
  } else {
    result.state = text.value() == expected_bytes ? ManifestState::ours : ManifestState::ours_stale;
  }
  return result;
}

base::Outcome foreign_outcome(std::string_view store, std::string_view step,
                              const std::string& target, const ManifestFile& file,
                              bool installing) {
  std::string whose = file.state == ManifestState::foreign && file.found
                          ? "it starts " + file.found->path + ", not the Postern bridge"
                          : "it is not a manifest Postern wrote (" + file.detail + ")";
  std::string cause = target + " belongs to another program: " + whose;
  std::string remedy =
      installing ? "move " + target +
                       " away if you no longer need it, or run setup again with --replace-foreign"
                 : "";
  auto outcome =
      installing ? base::failed(std::string(store), target, std::string(codes::foreign_manifest),
                                std::move(cause), std::move(remedy))
                 : base::skipped(std::string(store), target, cause + "; left in place");
  outcome.code = std::string(codes::foreign_manifest);
  outcome.step = std::string(step);
  return outcome;
}

base::Outcome check_manifest_file(const fs::path& file, const HostManifest& ours,
                                  const Location& location, std::string_view store) {
  auto bytes = render(ours, location.family, location.os);
  auto state = inspect_manifest_file(file, ours, bytes ? bytes.value() : std::string());
  const std::string where = file.string();
  switch (state.state) {
    case ManifestState::missing:
      return failure(store, file, codes::manifest_missing,
                     where + " does not exist, so " + location.display + " cannot find the host",
                     "run `postern setup`");
    case ManifestState::unreadable:
      return failure(store, file, codes::file_permissions_required, state.detail,
                     "make " + where + " readable (mode 0644)");
    case ManifestState::invalid:
      return failure(store, file, codes::manifest_invalid, state.detail,
                     "run `postern setup --replace-foreign` to write a valid manifest");
    case ManifestState::foreign: {
      auto outcome = foreign_outcome(store, "check", where, state, true);
      outcome.remedy = "run `postern setup --replace-foreign` if Postern should own " + where;
      return outcome;
    }
    case ManifestState::ours_stale:
    case ManifestState::ours:
      break;
  }
  const HostManifest& found = *state.found;
  if (found.name != looked_up_name(file, location)) {
    return failure(store, file, codes::manifest_invalid,
                   where + ": name \"" + found.name +
                       "\" differs from the name the browser looks up (Chromium: \"Invalid name "
                       "specified in the manifest.\")",
                   "run `postern setup` to rewrite it");
  }
  if (auto valid = validate(found, location.family, location.os); !valid) {
    return failure(store, file, codes::manifest_invalid, where + ": " + valid.error().message,
                   "run `postern setup` to rewrite it");
  }
  if (auto missing = missing_origins(found, ours, location.family); !missing.empty()) {
    return failure(store, file, codes::origin_not_allowed,
                   where + " does not allow " + missing.front() +
                       ", so the browser refuses the "
                       "extension (\"Access to the specified native messaging host is "
                       "forbidden.\")",
                   "run `postern setup` to rewrite it");
  }
  // Windows has no execute bit; there the file only has to exist.
  std::error_code ec;
  const fs::path host = base::path_from_utf8(found.path);  // JSON text is UTF-8
  const bool runnable =
      location.os == base::Os::Windows ? fs::is_regular_file(host, ec) : is_host_executable(host);
  if (!runnable) {
    return failure(store, file, codes::host_not_executable,
                   found.path + " (named by " + where + ") is missing or not executable",
                   "reinstall the bridge with `postern setup`, or `chmod +x " + found.path + "`");
  }
  auto outcome = base::already(std::string(store), where,
                               state.state == ManifestState::ours
                                   ? where + " is in place for " + location.display
                                   : where + " works for " + location.display +
                                         " but differs from what this version writes");
  outcome.step = "check";
  return outcome;
}

}  // namespace postern::registry
