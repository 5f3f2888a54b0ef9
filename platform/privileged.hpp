#pragma once
// Raising privileges per operation, never for the whole program (practice 5). Only the steps that
// touch root-owned places (the system trust store's anchor folder and its refresh command) go
// through here; everything else runs as the user. When no way to gain root exists, the outcome
// carries the exact command line the user can run by hand.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/environment.hpp"
#include "base/outcome.hpp"
#include "platform/command_runner.hpp"

namespace postern::platform {

/// What the current process may do to gain root for one command. Injectable so that every path
/// (root, sudo, pkexec, nothing) can be tested on any machine.
struct PrivilegeContext {
  bool is_root = false;       ///< already root (geteuid() == 0, or an elevated token on Windows)
  bool allow_prompt = false;  ///< stdin is a terminal, so plain `sudo` may ask for a password
  bool has_display = false;   ///< a graphical session exists, so pkexec can show its dialog

  /// The real process: euid, isatty(stdin), DISPLAY / WAYLAND_DISPLAY.
  static PrivilegeContext detect(const base::Environment& env);
};

/// When a command needs root.
enum class Elevation {
  required,               ///< always, unless already root (system anchor folder, refresh tools)
  on_permission_failure,  ///< run as the user first; elevate only after a clear permission error
};

/// What one privileged run did.
struct PrivilegedResult {
  std::vector<std::string> argv;  ///< what actually ran, including any sudo/pkexec prefix
  CommandResult result;           ///< its result; not started when no elevation path existed
  base::Outcome failure;  ///< when !ok(): PRIVILEGES_REQUIRED or COMMAND_FAILED, with remedy

  /// True when the command ran and exited 0.
  bool ok() const { return result.succeeded(); }
};

/// A private (0700) scratch folder for files handed to privileged commands; removed on
/// destruction unless keep() was called (a remedy may still need the file).
class ScratchDir {
 public:
  /// Creates a fresh folder with an unguessable name under the system temp folder.
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  /// The folder; empty when it could not be created.
  const std::filesystem::path& path() const { return path_; }
  /// Leaves the folder in place after destruction.
  void keep() { keep_ = true; }

 private:
  std::filesystem::path path_;
  bool keep_ = false;
};

/// Runs single commands with root when they need it: as-is when already root, else through
/// `sudo -n` (or `sudo` when a prompt is allowed), else `pkexec` when a display exists. Warns once,
/// in the first such outcome, when no elevation path exists.
class PrivilegedRunner {
 public:
  /// Wraps `runner`, which must outlive this object.
  PrivilegedRunner(CommandRunner& runner, PrivilegeContext context);

  /// Runs `command` with root if `when` says it needs it. sudo resets the environment, so
  /// command.extra_env only reaches commands that run without elevation.
  PrivilegedResult run(const Command& command, Elevation when = Elevation::required);

  /// Writes a world-readable (0644) file into a root-owned folder: directly when permitted, else
  /// staged in a ScratchDir and copied with `install -D -m 0644 <staged> <path>` as root.
  base::Outcome write_file(const std::filesystem::path& path, std::string_view bytes);

  /// Removes a file from a root-owned folder: directly when permitted, else `rm -f` as root.
  /// A file that is not there is "already".
  base::Outcome remove_file(const std::filesystem::path& path);

  /// The line a user runs by hand to do `argv` as root ("sudo update-ca-certificates").
  std::string manual_line(const std::vector<std::string>& argv) const;

  /// The underlying runner, for commands that never need root.
  CommandRunner& runner() { return runner_; }
  /// The context this runner decides with.
  const PrivilegeContext& context() const { return context_; }

 private:
  PrivilegedResult direct(const Command& command);
  PrivilegedResult elevated(const Command& command);
  PrivilegedResult blocked(const Command& command, std::string cause);
  std::optional<std::vector<std::string>> elevation_prefix() const;

  CommandRunner& runner_;
  PrivilegeContext context_;
  bool warned_ = false;  ///< the "no elevation path" warning has been given once
};

/// True when `output` reads like a permission failure (EACCES, EPERM, NSS's SEC_ERROR_READ_ONLY).
bool looks_like_permission_failure(std::string_view output);

/// Creates a private (0700) folder with an unguessable name under `parent`; empty path on failure.
std::filesystem::path make_private_dir(const std::filesystem::path& parent);

}  // namespace postern::platform
