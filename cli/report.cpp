#include "cli/report.hpp"

#include <ostream>

#include "base/outcome_json.hpp"

namespace postern::cli {

namespace {

const char* marker(base::Status status) {
  switch (status) {
    case base::Status::done:
      return "done   ";
    case base::Status::already:
      return "ok     ";
    case base::Status::skipped:
      return "skipped";
    case base::Status::failed:
      return "FAILED ";
  }
  return "?      ";
}

void indent_block(std::string& text, const std::string& block) {
  std::size_t start = 0;
  while (start < block.size()) {
    std::size_t end = block.find('\n', start);
    if (end == std::string::npos) end = block.size();
    text += "             | " + block.substr(start, end - start) + "\n";
    start = end + 1;
  }
}

}  // namespace

std::string describe(const base::Outcome& outcome) {
  std::string text = std::string(marker(outcome.status)) + "  " + outcome.store;
  if (!outcome.target.empty()) text += "  " + outcome.target;
  text += "\n           ";
  if (!outcome.code.empty()) text += "[" + outcome.code + "] ";
  text += outcome.cause + "\n";
  if (!outcome.remedy.empty()) text += "           fix: " + outcome.remedy + "\n";
  for (const auto& command : outcome.commands) {
    text += "           ran: " + base::shell_line(command.argv) + "  (exit " +
            std::to_string(command.exit_code) + ")\n";
    if (!command.output.empty()) indent_block(text, command.output);
  }
  return text;
}

int report(std::ostream& out, const OutputOptions& options,
           const std::vector<base::Outcome>& outcomes, nlohmann::json extra) {
  const bool ok = base::all_ok(outcomes);
  if (options.json) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& outcome : outcomes)
      list.push_back(base::to_json(outcome));
    extra["ok"] = ok;
    extra["outcomes"] = list;
    out << extra.dump(2) << "\n";
  } else {
    for (const auto& outcome : outcomes)
      out << describe(outcome);
  }
  return ok ? kSuccess : kFailure;
}

int report_error(std::ostream& out, const OutputOptions& options, const base::Error& error) {
  if (options.json) {
    nlohmann::json body = {{"ok", false},
                           {"error",
                            {{"code", error.code.category().name() + std::string(":") +
                                          std::to_string(error.code.value())},
                             {"kind", error.code.message()},
                             {"message", error.message},
                             {"remedy", error.remedy}}}};
    out << body.dump(2) << "\n";
  } else {
    out << "error: " << error.message << "\n";
    if (!error.remedy.empty()) out << "  fix: " << error.remedy << "\n";
  }
  return kFailure;
}

}  // namespace postern::cli
