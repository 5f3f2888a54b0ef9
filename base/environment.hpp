#pragma once
// Reading the process environment through an interface, so path rules and tool discovery can be
// tested with a map instead of the real environment.

#include <functional>
#include <map>
#include <optional>
#include <string>

namespace postern::base {

/// Looks up an environment variable; nullopt when it is unset or empty.
using Environment = std::function<std::optional<std::string>(const std::string& name)>;

/// The real process environment.
Environment process_environment();

/// A fixed environment for tests and for computing another user's paths.
Environment fixed_environment(std::map<std::string, std::string> values);

}  // namespace postern::base
