// process_environment() on Linux and macOS: the variables are bytes, and Postern takes them as
// UTF-8, as the rest of the system does.
#include <cstdlib>

#include "base/environment.hpp"

namespace postern::base {

Environment process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr || *value == '\0') return std::nullopt;
    return std::string(value);
  };
}

}  // namespace postern::base
