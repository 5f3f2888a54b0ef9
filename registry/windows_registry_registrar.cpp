// The Windows registrar (compiled only on Windows): the manifest file lives in Postern's folder
// (browser_table.cpp), and `HKCU|HKLM\Software\<vendor>\NativeMessagingHosts\<name>` holds its
// path as the key's default value (developer.chrome.com, "Native messaging host location").
// Written with the Win32 registry API, never reg.exe, so there is no command line to quote and
// every failure has an error code. HKLM needs an elevated process: ERROR_ACCESS_DENIED becomes
// REGISTRY_ACCESS_NEEDED with the remedy, as the Interceptor seed's code does.
#include <windows.h>

#include <optional>
#include <string>
#include <system_error>

#include "base/codes.hpp"
#include "base/files.hpp"
#include "base/utf16_windows.hpp"
#include "registry/registrar.hpp"

namespace postern::registry {

namespace fs = std::filesystem;
namespace codes = base::codes;

namespace {

using base::widen;

constexpr std::string_view kStore = "windows-registry";

HKEY hive_handle(const Location& location) {
  return location.hive == RegistryHive::local_machine ? HKEY_LOCAL_MACHINE : HKEY_CURRENT_USER;
}

std::string error_text(LSTATUS status) {
  char* buffer = nullptr;
  ::FormatMessageA(
      FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
      nullptr, static_cast<DWORD>(status), 0, reinterpret_cast<char*>(&buffer), 0, nullptr);
  std::string text = buffer ? buffer : "error " + std::to_string(status);
  if (buffer) ::LocalFree(buffer);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
    text.pop_back();
  return text;
}

// The key's default value, or the status that stopped us reading it.
struct KeyValue {
  LSTATUS status = ERROR_FILE_NOT_FOUND;
  fs::path file;  ///< the manifest file the key names, when status is ERROR_SUCCESS
};

KeyValue read_key(const Location& location) {
  KeyValue result;
  const std::wstring subkey = widen(location.registry_subkey);
  DWORD bytes = 0;
  result.status = ::RegGetValueW(hive_handle(location), subkey.c_str(), nullptr, RRF_RT_REG_SZ,
                                 nullptr, nullptr, &bytes);
  if (result.status != ERROR_SUCCESS) return result;
  std::wstring value(bytes / sizeof(wchar_t) + 1, L'\0');
  bytes = static_cast<DWORD>(value.size() * sizeof(wchar_t));
  result.status = ::RegGetValueW(hive_handle(location), subkey.c_str(), nullptr, RRF_RT_REG_SZ,
                                 nullptr, value.data(), &bytes);
  if (result.status != ERROR_SUCCESS) return result;
  value.resize(bytes / sizeof(wchar_t));
  while (!value.empty() && value.back() == L'\0')
    value.pop_back();
  result.file = fs::path(value);
  return result;
}

bool same_file(const fs::path& a, const fs::path& b) {
  // Windows paths compare without regard to case.
  const std::wstring left = a.lexically_normal().wstring();
  const std::wstring right = b.lexically_normal().wstring();
  return ::CompareStringOrdinal(left.c_str(), static_cast<int>(left.size()), right.c_str(),
                                static_cast<int>(right.size()), TRUE) == CSTR_EQUAL;
}

base::Outcome registry_failure(const Location& location, std::string_view step, LSTATUS status,
                               const std::string& action) {
  const bool denied = status == ERROR_ACCESS_DENIED;
  std::string remedy = location.hive == RegistryHive::local_machine
                           ? "run Postern from an elevated prompt (Run as administrator), or "
                             "register for this user only with --scope user"
                           : "check the permissions of " + location.registry_key() + " in regedit";
  auto outcome =
      base::failed(std::string(kStore), location.registry_key(),
                   std::string(denied ? codes::registry_access_needed : codes::command_failed),
                   "cannot " + action + " " + location.registry_key() + ": " + error_text(status),
                   denied ? std::move(remedy) : "try again; if it persists, report the error code");
  outcome.step = std::string(step);
  return outcome;
}

base::Outcome finish(base::Outcome outcome, std::string_view step, const Location& location) {
  outcome.step = std::string(step);
  outcome.store = std::string(kStore);
  if (outcome.target.empty()) outcome.target = location.registry_key();
  return outcome;
}

LSTATUS write_key(const Location& location) {
  HKEY key = nullptr;
  const std::wstring subkey = widen(location.registry_subkey);
  LSTATUS status =
      ::RegCreateKeyExW(hive_handle(location), subkey.c_str(), 0, nullptr, REG_OPTION_NON_VOLATILE,
                        KEY_SET_VALUE, nullptr, &key, nullptr);
  if (status != ERROR_SUCCESS) return status;
  const std::wstring value = location.manifest_file.wstring();
  status = ::RegSetValueExW(key, nullptr, 0, REG_SZ, reinterpret_cast<const BYTE*>(value.c_str()),
                            static_cast<DWORD>((value.size() + 1) * sizeof(wchar_t)));
  ::RegCloseKey(key);
  return status;
}

LSTATUS delete_key(const Location& location) {
  const std::wstring subkey = widen(location.registry_subkey);
  // RegDeleteTreeW removes the key with any values and subkeys another tool may have added.
  LSTATUS status = ::RegDeleteTreeW(hive_handle(location), subkey.c_str());
  if (status == ERROR_SUCCESS || status == ERROR_FILE_NOT_FOUND) {
    const LSTATUS leftover = ::RegDeleteKeyW(hive_handle(location), subkey.c_str());
    if (leftover != ERROR_SUCCESS && leftover != ERROR_FILE_NOT_FOUND) return leftover;
    return ERROR_SUCCESS;
  }
  return status;
}

// A row without a key (a Linux or macOS folder) has nothing for this registrar to write.
std::optional<base::Outcome> unsupported(const Location& location, std::string_view step) {
  if (location.hive != RegistryHive::none) return std::nullopt;
  auto outcome =
      base::failed(std::string(kStore), location.target(), std::string(codes::unsupported),
                   location.target() + " is not a Windows location",
                   "register " + location.display + " on the OS the row is for");
  outcome.step = std::string(step);
  return outcome;
}

class WindowsRegistryRegistrar final : public Registrar {
 public:
  std::string_view name() const override { return kStore; }

  base::Outcome check(const HostManifest& manifest, const Location& location) const override {
    if (auto refused = unsupported(location, "check")) return *refused;
    const auto key = read_key(location);
    if (key.status == ERROR_FILE_NOT_FOUND) {
      return finish(base::failed(std::string(kStore), location.registry_key(),
                                 std::string(codes::manifest_missing),
                                 location.registry_key() + " does not exist, so " +
                                     location.display + " cannot find the host",
                                 "run `postern setup`"),
                    "check", location);
    }
    if (key.status != ERROR_SUCCESS) return registry_failure(location, "check", key.status, "read");
    auto outcome = check_manifest_file(key.file, manifest, location, kStore);
    return finish(std::move(outcome), "check", location);
  }

  base::Outcome install(const HostManifest& manifest, const Location& location,
                        const InstallOptions& options) override {
    if (auto refused = unsupported(location, "install")) return *refused;
    auto bytes = render(manifest, location.family, location.os);
    if (!bytes) {
      return finish(base::failed(std::string(kStore), "", std::string(codes::manifest_invalid),
                                 bytes.error().message, bytes.error().remedy),
                    "install", location);
    }
    const auto key = read_key(location);
    if (key.status != ERROR_SUCCESS && key.status != ERROR_FILE_NOT_FOUND) {
      return registry_failure(location, "install", key.status, "read");
    }
    const bool key_ours =
        key.status == ERROR_SUCCESS && same_file(key.file, location.manifest_file);
    if (key.status == ERROR_SUCCESS && !key_ours && !options.replace_foreign) {
      const auto other = inspect_manifest_file(key.file, manifest, bytes.value());
      if (other.state != ManifestState::ours && other.state != ManifestState::ours_stale) {
        return finish(foreign_outcome(kStore, "install", location.registry_key(), other, true),
                      "install", location);
      }
    }
    const auto file = inspect_manifest_file(location.manifest_file, manifest, bytes.value());
    if ((file.state == ManifestState::foreign || file.state == ManifestState::invalid) &&
        !options.replace_foreign) {
      return finish(foreign_outcome(kStore, "install", location.manifest_file.string(), file, true),
                    "install", location);
    }
    if (file.state == ManifestState::ours && key_ours) {
      return finish(base::already(std::string(kStore), location.registry_key(),
                                  location.registry_key() + " already names " +
                                      location.manifest_file.string()),
                    "install", location);
    }
    if (file.state != ManifestState::ours) {
      auto written = base::write_file_atomically(location.manifest_file, bytes.value(),
                                                 base::FileMode::world_read);
      if (!written) {
        return finish(base::failed(std::string(kStore), location.manifest_file.string(),
                                   std::string(codes::file_write_failed), written.error().message,
                                   written.error().remedy),
                      "install", location);
      }
    }
    if (LSTATUS status = write_key(location); status != ERROR_SUCCESS) {
      return registry_failure(location, "install", status, "write");
    }
    return finish(base::done(std::string(kStore), location.registry_key(),
                             "set " + location.registry_key() + " to " +
                                 location.manifest_file.string() + " for " + location.display),
                  "install", location);
  }

  base::Outcome uninstall(const HostManifest& manifest, const Location& location) override {
    if (auto refused = unsupported(location, "uninstall")) return *refused;
    auto bytes = render(manifest, location.family, location.os);
    const std::string expected = bytes ? bytes.value() : std::string();
    const auto key = read_key(location);
    if (key.status != ERROR_SUCCESS && key.status != ERROR_FILE_NOT_FOUND) {
      return registry_failure(location, "uninstall", key.status, "read");
    }
    if (key.status == ERROR_SUCCESS && !same_file(key.file, location.manifest_file)) {
      const auto other = inspect_manifest_file(key.file, manifest, expected);
      if (other.state != ManifestState::ours && other.state != ManifestState::ours_stale) {
        return finish(foreign_outcome(kStore, "uninstall", location.registry_key(), other, false),
                      "uninstall", location);
      }
    }
    const auto file = inspect_manifest_file(location.manifest_file, manifest, expected);
    const bool file_ours =
        file.state == ManifestState::ours || file.state == ManifestState::ours_stale;
    if (key.status == ERROR_FILE_NOT_FOUND && !file_ours) {
      return finish(base::already(std::string(kStore), location.registry_key(),
                                  location.registry_key() + " is not there"),
                    "uninstall", location);
    }
    if (key.status == ERROR_SUCCESS) {
      if (LSTATUS status = delete_key(location); status != ERROR_SUCCESS) {
        return registry_failure(location, "uninstall", status, "delete");
      }
    }
    std::error_code ec;
    if (file_ours) fs::remove(location.manifest_file, ec);
    return finish(base::done(std::string(kStore), location.registry_key(),
                             "removed " + location.registry_key() +
                                 (file_ours ? " and " + location.manifest_file.string() : "")),
                  "uninstall", location);
  }
};

}  // namespace

std::unique_ptr<Registrar> make_os_registrar(platform::PrivilegedRunner& /*privileged*/) {
  // The registry API needs no helper process: HKCU is the user's, and HKLM needs the whole
  // process elevated, which the remedy asks for.
  return std::make_unique<WindowsRegistryRegistrar>();
}

}  // namespace postern::registry
