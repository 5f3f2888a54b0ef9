// Windows App Paths lookup for browser detection (compiled only on Windows). Browser installers
// register "App Paths\<exe>" with the full path as the default value, per user (HKCU) or per
// machine (HKLM); Windows' own ShellExecute finds programs the same way.
#include <windows.h>

#include <string>
#include <system_error>

#include "base/utf16_windows.hpp"
#include "registry/browser_detection.hpp"

namespace postern::registry {

namespace {

using base::widen;

constexpr const wchar_t* kAppPaths = L"Software\\Microsoft\\Windows\\CurrentVersion\\App Paths\\";

std::optional<std::wstring> default_value(HKEY hive, const std::wstring& subkey) {
  DWORD bytes = 0;
  // RRF_RT_REG_SZ alone also takes REG_EXPAND_SZ values: without RRF_NOEXPAND, RegGetValueW
  // expands them and reports REG_SZ. Adding RRF_RT_REG_EXPAND_SZ would be wrong: without
  // RRF_NOEXPAND that flag fails every call with ERROR_INVALID_PARAMETER (seen under Wine,
  // documented for Windows), so no App Paths entry would ever be found.
  constexpr DWORD kFlags = RRF_RT_REG_SZ;
  if (::RegGetValueW(hive, subkey.c_str(), nullptr, kFlags, nullptr, nullptr, &bytes) !=
          ERROR_SUCCESS ||
      bytes < sizeof(wchar_t)) {
    return std::nullopt;
  }
  std::wstring value(bytes / sizeof(wchar_t), L'\0');
  if (::RegGetValueW(hive, subkey.c_str(), nullptr, kFlags, nullptr, value.data(), &bytes) !=
      ERROR_SUCCESS) {
    return std::nullopt;
  }
  value.resize(bytes / sizeof(wchar_t));
  while (!value.empty() && value.back() == L'\0')
    value.pop_back();
  // Some installers store the path in quotes.
  if (value.size() >= 2 && value.front() == L'"' && value.back() == L'"') {
    value = value.substr(1, value.size() - 2);
  }
  return value;
}

}  // namespace

AppPathLookup registry_app_path_lookup() {
  return [](std::string_view exe) -> std::optional<std::filesystem::path> {
    const std::wstring subkey = std::wstring(kAppPaths) + widen(exe);
    for (HKEY hive : {HKEY_CURRENT_USER, HKEY_LOCAL_MACHINE}) {
      auto value = default_value(hive, subkey);
      std::error_code ec;
      if (value && std::filesystem::is_regular_file(*value, ec)) {
        return std::filesystem::path(*value);
      }
    }
    return std::nullopt;
  };
}

}  // namespace postern::registry
