#pragma once
// The result of one install/uninstall/check step, as every front end shows it.

#include <string>
#include <string_view>
#include <vector>

namespace postern::base {

/// What happened to one target.
enum class Status {
  done,     ///< the step changed something and it worked
  already,  ///< nothing to do: the target was already in the wanted state
  skipped,  ///< not attempted (not present, not selected, or dry run)
  failed,   ///< attempted and did not work; cause and remedy say why and what next
};

/// Lower-case name of a status ("done", "already", "skipped", "failed").
std::string_view to_string(Status status);

/// A failed external command, kept so the user sees exactly what ran and what it said.
struct CommandRecord {
  std::vector<std::string> argv;  ///< the command line as run
  int exit_code = 0;              ///< its exit status (-1 when it could not start)
  std::string output;             ///< stdout and stderr, merged, trimmed to a readable size
};

/// Joins argv into one shell-quoted line a user can copy.
std::string shell_line(const std::vector<std::string>& argv);

/// One step's outcome: status, what it was about, why, and what the user can do next.
struct Outcome {
  Status status = Status::skipped;
  std::string step;    ///< what was attempted ("install", "check", ...)
  std::string store;   ///< which component did it ("nss", "system", "ca", ...)
  std::string target;  ///< the exact file, database, key or store involved
  std::string
      code;  ///< a stable error or state code (e.g. "NSS_DB_NOT_INITIALISED"); empty if none
  std::string cause;   ///< one sentence: what happened
  std::string remedy;  ///< one sentence or command: what to do next; empty when nothing is needed
  std::vector<CommandRecord> commands;  ///< failed (or relevant) external commands

  bool ok() const { return status != Status::failed; }
};

/// Convenience builders that keep call sites short.
Outcome done(std::string store, std::string target, std::string cause);
Outcome already(std::string store, std::string target, std::string cause);
Outcome skipped(std::string store, std::string target, std::string cause);
Outcome failed(std::string store, std::string target, std::string code, std::string cause,
               std::string remedy);

/// True when no outcome failed.
bool all_ok(const std::vector<Outcome>& outcomes);

}  // namespace postern::base
