#pragma once
// What posix_spawn needs for a test's child process: NULL-terminated argv/envp views, and this
// process's environment with some variables replaced (HOME, POSTERN_HOME, ...).

#include <map>
#include <string>
#include <vector>

extern char** environ;

namespace postern::testing {

/// The environment of this process with each of `overrides` set (replacing any value it had).
inline std::vector<std::string> environment_with(
    const std::map<std::string, std::string>& overrides) {
  std::vector<std::string> variables;
  for (char** entry = environ; *entry; ++entry) {
    std::string item(*entry);
    if (!overrides.count(item.substr(0, item.find('=')))) variables.push_back(item);
  }
  for (const auto& [name, value] : overrides)
    variables.push_back(name + "=" + value);
  return variables;
}

/// A NULL-terminated array of pointers into `words`, which must outlive it.
inline std::vector<char*> c_pointers(std::vector<std::string>& words) {
  std::vector<char*> out;
  for (auto& word : words)
    out.push_back(word.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace postern::testing
