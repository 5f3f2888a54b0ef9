#pragma once
// A scripted CommandRunner: records every argv and answers from a script, so store logic (which
// command, which arguments, what happens on each answer) is tested without running tools.

#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/outcome.hpp"
#include "platform/command_runner.hpp"

namespace postern::testing {

/// A successful run with `output`.
inline platform::CommandResult ok(std::string output = "") {
  platform::CommandResult result;
  result.started = true;
  result.exit_code = 0;
  result.output = std::move(output);
  return result;
}

/// A run that exited with `code` and printed `output`.
inline platform::CommandResult exited(int code, std::string output) {
  platform::CommandResult result = ok(std::move(output));
  result.exit_code = code;
  return result;
}

class FakeRunner : public platform::CommandRunner {
 public:
  using Effect = std::function<void(const platform::Command&)>;

  /// Answers commands whose argv starts with `prefix` with `result`, `times` times (-1: always).
  /// Scripts are tried in the order they were added; `effect` runs before answering.
  FakeRunner& on(std::vector<std::string> prefix, platform::CommandResult result, int times = -1,
                 Effect effect = {}) {
    scripts_.push_back(Script{std::move(prefix), std::move(result), times, std::move(effect)});
    return *this;
  }

  /// Makes find_tool(name) succeed, returning `name` itself (so argv stays readable).
  FakeRunner& has_tool(std::string name) {
    tools_.insert(std::move(name));
    return *this;
  }

  platform::CommandResult run(const platform::Command& command) override {
    calls.push_back(command);
    for (auto& script : scripts_) {
      if (script.times == 0 || !starts_with(command.argv, script.prefix)) continue;
      if (script.times > 0) --script.times;
      if (script.effect) script.effect(command);
      return script.result;
    }
    platform::CommandResult unscripted;
    unscripted.output = "fake runner: no script for " + base::shell_line(command.argv);
    return unscripted;
  }

  std::optional<std::filesystem::path> find_tool(const std::string& tool) const override {
    if (!tools_.count(tool)) return std::nullopt;
    return std::filesystem::path(tool);
  }

  /// Every call as a shell line, in order.
  std::vector<std::string> lines() const {
    std::vector<std::string> out;
    for (const auto& call : calls)
      out.push_back(base::shell_line(call.argv));
    return out;
  }

  std::vector<platform::Command> calls;  ///< every command run, in order

 private:
  struct Script {
    std::vector<std::string> prefix;
    platform::CommandResult result;
    int times;
    Effect effect;
  };

  static bool starts_with(const std::vector<std::string>& argv,
                          const std::vector<std::string>& prefix) {
    if (prefix.size() > argv.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
      if (argv[i] != prefix[i]) return false;
    }
    return true;
  }

  std::vector<Script> scripts_;
  std::set<std::string> tools_;
};

}  // namespace postern::testing
