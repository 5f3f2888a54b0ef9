#include "base/app_paths.hpp"

#include <optional>

#if defined(_WIN32)
#include <process.h>
#else
#include <unistd.h>
#endif

#include "base/path_utf8.hpp"

namespace postern::base {

namespace fs = std::filesystem;

Os current_os() {
#if defined(_WIN32)
  return Os::Windows;
#elif defined(__APPLE__)
  return Os::MacOS;
#else
  return Os::Linux;
#endif
}

namespace {

class PathsCategory : public std::error_category {
 public:
  const char* name() const noexcept override { return "postern.paths"; }
  std::string message(int) const override { return "no home directory to put Postern's files in"; }
};

Error no_home(const char* variables) {
  return Error{make_error_code(paths_errc::no_home),
               std::string("cannot tell where Postern's files go: ") + variables + " unset",
               "set HOME (or POSTERN_HOME=<dir> to keep all of Postern's files in one folder)"};
}

// XDG base-directory rule: the variable if it is an absolute path, else the fallback under HOME.
fs::path xdg(const Environment& env, const char* variable, const fs::path& home,
             const char* fallback) {
  if (auto value = env(variable); value && fs::path(*value).is_absolute()) return *value;
  return home / fallback;
}

Result<AppPaths> linux_paths(const Environment& env, unsigned long user_id) {
  auto home = env("HOME");
  if (!home) return no_home("HOME");
  AppPaths paths;
  paths.config = xdg(env, "XDG_CONFIG_HOME", *home, ".config") / "postern";
  paths.data = xdg(env, "XDG_DATA_HOME", *home, ".local/share") / "postern";
  if (auto run = env("XDG_RUNTIME_DIR"); run && fs::path(*run).is_absolute())
    paths.runtime = fs::path(*run) / "postern";
  else
    paths.runtime = fs::path("/tmp") / ("postern-" + std::to_string(user_id));
  return paths;
}

Result<AppPaths> macos_paths(const Environment& env) {
  auto home = env("HOME");
  if (!home) return no_home("HOME");
  AppPaths paths;
  paths.config = fs::path(*home) / "Library" / "Application Support" / "Postern";
  paths.data = paths.config;
  paths.runtime = fs::path(env("TMPDIR").value_or("/tmp")) / "postern";
  return paths;
}

Result<AppPaths> windows_paths(const Environment& env) {
  auto appdata = env("APPDATA");
  auto local = env("LOCALAPPDATA");
  if (!appdata || !local) return no_home("APPDATA/LOCALAPPDATA");
  AppPaths paths;
  // The variables are UTF-8 (environment_windows.cpp); a profile may be "C:\Users\José".
  paths.config = path_from_utf8(*appdata) / "Postern";
  paths.data = path_from_utf8(*local) / "Postern";
  // The runtime talks over a named pipe on Windows; this folder only holds its pid/token files.
  paths.runtime = paths.data / "run";
  return paths;
}

}  // namespace

std::error_code make_error_code(paths_errc e) {
  static const PathsCategory category;
  return {static_cast<int>(e), category};
}

Result<AppPaths> resolve_app_paths(Os os, const Environment& env, unsigned long user_id) {
  if (auto root = env("POSTERN_HOME")) {
    fs::path base = fs::absolute(path_from_utf8(*root));
    return AppPaths{base / "config", base / "data", base / "run"};
  }
  switch (os) {
    case Os::Linux:
      return linux_paths(env, user_id);
    case Os::MacOS:
      return macos_paths(env);
    case Os::Windows:
      return windows_paths(env);
  }
  return no_home("HOME");
}

Result<AppPaths> current_app_paths() {
#if defined(_WIN32)
  unsigned long uid = 0;
#else
  unsigned long uid = ::getuid();
#endif
  return resolve_app_paths(current_os(), process_environment(), uid);
}

}  // namespace postern::base
