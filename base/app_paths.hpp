#pragma once
// Where Postern keeps its own files (DESIGN.md, "Where things live on disk"). The rules for all
// three OSes are plain data and functions here, so each can be tested on any OS.

#include <filesystem>
#include <string>

#include "base/environment.hpp"
#include "base/result.hpp"

namespace postern::base {

/// The operating systems Postern knows the path rules of.
enum class Os { Linux, MacOS, Windows };

/// The OS this binary was built for.
Os current_os();

/// Postern's directories for one user.
struct AppPaths {
  std::filesystem::path config;   ///< settings, the proxy CA, the install ledger
  std::filesystem::path data;     ///< store, installed bridge binary
  std::filesystem::path runtime;  ///< sockets and pid files (0700)

  /// `<config>/proxy`: the CA certificate and key live here (seed 001 names this folder).
  std::filesystem::path proxy_dir() const { return config / "proxy"; }
  /// `<config>/install-ledger.json`: every file, key and store entry Postern wrote.
  std::filesystem::path ledger_file() const { return config / "install-ledger.json"; }
  /// `<config>/settings.json`: the runtime's user settings (docs/settings.md).
  std::filesystem::path settings_file() const { return config / "settings.json"; }
};

/// Resolves the paths for `os` from `env`. POSTERN_HOME, when set, puts everything under it.
/// Fails when neither POSTERN_HOME nor the OS's home variables are set.
Result<AppPaths> resolve_app_paths(Os os, const Environment& env, unsigned long user_id);

/// The paths of the current process, from the real environment.
Result<AppPaths> current_app_paths();

/// error_code category for path resolution failures.
enum class paths_errc { no_home = 1 };
std::error_code make_error_code(paths_errc e);

}  // namespace postern::base

template <>
struct std::is_error_code_enum<postern::base::paths_errc> : std::true_type {};
