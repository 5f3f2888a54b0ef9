#include "platform/command_runner.hpp"

#include <cstdlib>

#if !defined(_WIN32)
#include <unistd.h>
#endif

namespace postern::platform {

namespace fs = std::filesystem;

base::CommandRecord CommandResult::record(const Command& command) const {
  // Keep what a person can read in a terminal or a wizard row; the end says most about a failure.
  constexpr std::size_t kMaxOutput = 4000;
  std::string kept =
      output.size() > kMaxOutput ? "..." + output.substr(output.size() - kMaxOutput) : output;
  while (!kept.empty() && (kept.back() == '\n' || kept.back() == '\r'))
    kept.pop_back();
  if (!started) kept = kept.empty() ? "could not start " + command.argv.at(0) : kept;
  if (timed_out) kept += "\n(killed after " + std::to_string(command.timeout.count()) + " s)";
  return base::CommandRecord{command.argv, exit_code, kept};
}

std::optional<fs::path> find_on_path(const std::string& tool, const std::string& path_list) {
  if (tool.find('/') != std::string::npos) {
    return fs::exists(tool) ? std::optional<fs::path>(tool) : std::nullopt;
  }
#if defined(_WIN32)
  const char separator = ';';
  const std::vector<std::string> suffixes{".exe", ".cmd", ".bat", ""};
#else
  const char separator = ':';
  const std::vector<std::string> suffixes{""};
#endif
  std::size_t start = 0;
  while (start <= path_list.size()) {
    std::size_t end = path_list.find(separator, start);
    if (end == std::string::npos) end = path_list.size();
    const std::string dir = path_list.substr(start, end - start);
    start = end + 1;
    if (dir.empty()) continue;
    for (const auto& suffix : suffixes) {
      fs::path candidate = fs::path(dir) / (tool + suffix);
      std::error_code ec;
      if (!fs::is_regular_file(candidate, ec)) continue;
#if defined(_WIN32)
      return candidate;
#else
      if (::access(candidate.c_str(), X_OK) == 0) return candidate;
#endif
    }
  }
  return std::nullopt;
}

}  // namespace postern::platform
