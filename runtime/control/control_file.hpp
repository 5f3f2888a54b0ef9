#pragma once
// Where the control API listens and the token it wants, in `<runtime>/control.json` (0600). The
// runtime writes it when the API is up and removes it when it stops; the CLI and the wizard read
// it. The token is a fresh 256-bit random value per start: a leaked old token is useless, and a
// process that cannot read the user's 0600 file cannot call the API.

#include <cstdint>
#include <filesystem>
#include <string>

#include "base/result.hpp"

namespace postern::control {

/// How to reach the control API.
struct ControlEndpoint {
  std::string host = "127.0.0.1";  ///< the address it listens on
  std::uint16_t port = 0;          ///< its TCP port
  std::string token;               ///< the bearer token, 64 hex digits
  long pid = 0;                    ///< the runtime's process id
};

/// `<runtime_dir>/control.json`.
std::filesystem::path control_file(const std::filesystem::path& runtime_dir);

/// A new random token: 32 bytes from OpenSSL's CSPRNG, as 64 lower-case hex digits.
base::Result<std::string> new_control_token();

/// Writes `endpoint` to `file` atomically, mode 0600.
base::Status_or_error write_control_file(const std::filesystem::path& file,
                                         const ControlEndpoint& endpoint);

/// Reads and validates `file`; an error naming it when it is missing, unreadable or malformed.
base::Result<ControlEndpoint> read_control_file(const std::filesystem::path& file);

}  // namespace postern::control
