#pragma once
// Postman's variable scopes and {{name}} substitution, as newman resolves them: a name is looked
// up from the narrowest scope to the widest (environment, then collection, then globals; values
// given with --env-var go into the environment and win over its file). Values may themselves
// hold {{references}}, resolved up to a fixed depth so a cycle cannot hang a run. A few dynamic
// variables ({{$guid}}, {{$timestamp}}, {{$isoTimestamp}}, {{$randomInt}}) are built in. An
// unknown name stays as it was written, as in Postman, and is reported.

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace postern::runner {

/// One scope's variables, in the order they were defined.
using VariableScope = std::map<std::string, std::string, std::less<>>;

class Variables {
 public:
  /// Where time and randomness for dynamic variables come from (tests pin them).
  struct Sources {
    std::function<long long()> unix_millis;
    std::function<std::string(std::size_t)> random_bytes;
  };
  Variables();
  explicit Variables(Sources sources);

  VariableScope globals;
  VariableScope collection;
  VariableScope environment;

  /// The value of `name` in the narrowest scope holding it.
  std::optional<std::string> lookup(std::string_view name) const;

  /// `text` with every {{name}} replaced; names not found are kept and added to `unresolved`.
  std::string substitute(std::string_view text, std::set<std::string>* unresolved = nullptr) const;

 private:
  std::optional<std::string> dynamic(std::string_view name) const;
  std::string substitute_at_depth(std::string_view text, int depth,
                                  std::set<std::string>* unresolved) const;
  Sources sources_;
};

/// Reads a Postman environment or globals export ({"values": [{"key","value","enabled"}]});
/// disabled entries are skipped. An error message naming the problem otherwise.
std::optional<std::string> read_variable_file(std::string_view json_text, VariableScope& into);

}  // namespace postern::runner
