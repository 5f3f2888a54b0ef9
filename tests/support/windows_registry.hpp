#pragma once
// Registry helpers for the Windows tests: read and write keys directly with the Win32 API, so a
// test can see exactly what the code under test left behind, and lock a key with a read-only
// DACL, which is how Wine can be made to answer ERROR_ACCESS_DENIED (it runs everything as an
// administrator, recipe windows-wine §2d).

#include <windows.h>

#include <sddl.h>

#include <optional>
#include <string>
#include <vector>

namespace postern::testing {

/// True when `subkey` exists under `hive` in the given registry view (0 = the process's own).
inline bool key_exists(HKEY hive, const std::wstring& subkey, REGSAM view = 0) {
  HKEY key = nullptr;
  if (::RegOpenKeyExW(hive, subkey.c_str(), 0, KEY_READ | view, &key) != ERROR_SUCCESS) {
    return false;
  }
  ::RegCloseKey(key);
  return true;
}

/// The key's default value when it is a string, else nullopt.
inline std::optional<std::wstring> default_value(HKEY hive, const std::wstring& subkey) {
  wchar_t buffer[1024];
  DWORD bytes = sizeof(buffer);
  if (::RegGetValueW(hive, subkey.c_str(), nullptr, RRF_RT_REG_SZ, nullptr, buffer, &bytes) !=
      ERROR_SUCCESS) {
    return std::nullopt;
  }
  return std::wstring(buffer);
}

/// Creates `subkey` (and its parents) and sets its default value; returns the Win32 status.
inline LSTATUS set_default_value(HKEY hive, const std::wstring& subkey, const std::wstring& value,
                                 DWORD type = REG_SZ) {
  HKEY key = nullptr;
  LSTATUS status =
      ::RegCreateKeyExW(hive, subkey.c_str(), 0, nullptr, 0, KEY_SET_VALUE, nullptr, &key, nullptr);
  if (status != ERROR_SUCCESS) return status;
  status = ::RegSetValueExW(key, nullptr, 0, type, reinterpret_cast<const BYTE*>(value.c_str()),
                            static_cast<DWORD>((value.size() + 1) * sizeof(wchar_t)));
  ::RegCloseKey(key);
  return status;
}

/// Sets a REG_DWORD default value, for "not a string" cases.
inline LSTATUS set_default_dword(HKEY hive, const std::wstring& subkey, DWORD value) {
  HKEY key = nullptr;
  LSTATUS status =
      ::RegCreateKeyExW(hive, subkey.c_str(), 0, nullptr, 0, KEY_SET_VALUE, nullptr, &key, nullptr);
  if (status != ERROR_SUCCESS) return status;
  status = ::RegSetValueExW(key, nullptr, 0, REG_DWORD, reinterpret_cast<const BYTE*>(&value),
                            sizeof(value));
  ::RegCloseKey(key);
  return status;
}

/// Removes `subkey` with everything in it; a key that is not there is fine.
inline void delete_tree(HKEY hive, const std::wstring& subkey) {
  ::RegDeleteTreeW(hive, subkey.c_str());
  ::RegDeleteKeyW(hive, subkey.c_str());
}

/// Replaces a key's DACL for the lifetime of this object, then puts the old one back. The owner
/// may always change a DACL (WRITE_DAC), so the restore works even under a DACL that allows
/// nothing else.
class KeyDaclLock {
 public:
  /// "D:P(A;;KR;;;WD)" leaves everyone read access only; "D:P" denies everything.
  KeyDaclLock(HKEY hive, const std::wstring& subkey, const wchar_t* sddl) {
    if (::RegOpenKeyExW(hive, subkey.c_str(), 0, READ_CONTROL | WRITE_DAC, &key_) !=
        ERROR_SUCCESS) {
      key_ = nullptr;
      return;
    }
    DWORD size = 0;
    ::RegGetKeySecurity(key_, DACL_SECURITY_INFORMATION, nullptr, &size);
    saved_.resize(size);
    if (size == 0 || ::RegGetKeySecurity(key_, DACL_SECURITY_INFORMATION, saved_.data(), &size) !=
                         ERROR_SUCCESS) {
      saved_.clear();
    }
    PSECURITY_DESCRIPTOR locked = nullptr;
    if (::ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl, SDDL_REVISION_1, &locked,
                                                               nullptr)) {
      applied_ = ::RegSetKeySecurity(key_, DACL_SECURITY_INFORMATION, locked) == ERROR_SUCCESS;
      ::LocalFree(locked);
    }
  }
  ~KeyDaclLock() {
    if (!key_) return;
    if (!saved_.empty()) ::RegSetKeySecurity(key_, DACL_SECURITY_INFORMATION, saved_.data());
    ::RegCloseKey(key_);
  }
  KeyDaclLock(const KeyDaclLock&) = delete;
  KeyDaclLock& operator=(const KeyDaclLock&) = delete;

  /// True when the locking DACL is in place.
  bool applied() const { return applied_ && !saved_.empty(); }

 private:
  HKEY key_ = nullptr;
  std::vector<BYTE> saved_;
  bool applied_ = false;
};

}  // namespace postern::testing
