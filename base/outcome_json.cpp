#include "base/outcome_json.hpp"

#include <nlohmann/json.hpp>

namespace postern::base {

nlohmann::json to_json(const Outcome& outcome) {
  nlohmann::json commands = nlohmann::json::array();
  for (const auto& command : outcome.commands) {
    commands.push_back({{"argv", command.argv},
                        {"command", shell_line(command.argv)},
                        {"exit_code", command.exit_code},
                        {"output", command.output}});
  }
  return {{"status", to_string(outcome.status)},
          {"step", outcome.step},
          {"store", outcome.store},
          {"target", outcome.target},
          {"code", outcome.code},
          {"cause", outcome.cause},
          {"remedy", outcome.remedy},
          {"commands", commands}};
}

}  // namespace postern::base
