#pragma once
// Running external tools (certutil, update-ca-certificates, security, sudo) behind an
// interface, so stores can be tested with a scripted fake and the real runner stays in one file.

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/outcome.hpp"

namespace postern::platform {

/// One command to run.
struct Command {
  std::vector<std::string> argv;                 ///< argv[0] is looked up on PATH
  std::optional<std::string> stdin_data;         ///< fed to the child's stdin, then closed
  std::map<std::string, std::string> extra_env;  ///< added to (or overriding) the environment
  std::chrono::seconds timeout{120};             ///< the child is killed after this
};

/// What a command did. exit_code is -1 when it could not start (tool missing) or timed out.
struct CommandResult {
  int exit_code = -1;
  std::string output;    ///< stdout and stderr merged, in order
  bool started = false;  ///< false when argv[0] could not be executed
  bool timed_out = false;

  bool succeeded() const { return started && !timed_out && exit_code == 0; }
  /// The record an Outcome carries for this run.
  base::CommandRecord record(const Command& command) const;
};

/// Runs commands. Implementations: the real one below, and scripted fakes in tests.
class CommandRunner {
 public:
  virtual ~CommandRunner() = default;
  virtual CommandResult run(const Command& command) = 0;
  /// The absolute path of `tool` on PATH, or nullopt.
  virtual std::optional<std::filesystem::path> find_tool(const std::string& tool) const = 0;
};

/// The process runner for this OS (fork/exec on POSIX).
CommandRunner& system_runner();

/// Searches `path_list` (PATH syntax for this OS) for an executable named `tool`.
std::optional<std::filesystem::path> find_on_path(const std::string& tool,
                                                  const std::string& path_list);

}  // namespace postern::platform
