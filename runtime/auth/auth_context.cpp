#include <chrono>

#include "runtime/auth/auth_scheme.hpp"
#include "runtime/auth/crypto.hpp"

namespace postern::auth {

AuthContext system_context() {
  return AuthContext{
      [] {
        return std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
      },
      [](std::size_t count) { return random_bytes(count); },
  };
}

}  // namespace postern::auth
