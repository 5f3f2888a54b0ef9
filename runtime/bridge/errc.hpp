#pragma once
// bridge::errc: every way the native-messaging bridge's library parts can fail, and the stable
// code (base/codes.hpp) each one is reported under in an error frame, in logs and in the doctor.

#include <string_view>
#include <system_error>

namespace postern::bridge {

/// Why a bridge operation failed.
enum class errc {
  frame_too_large = 1,    ///< an outbound message does not fit one frame (split it) or a limit
  chunk_invalid,          ///< a chunk of a split message is malformed, duplicated or missing
  base64_invalid,         ///< text that should be base64 is not (alphabet, padding, length)
  envelope_malformed,     ///< a sealed envelope lacks a field, has a bad size or version
  key_mismatch,           ///< the envelope did not authenticate: other key, or it was altered
  custom_key_invalid,     ///< a custom key is shorter than 10 characters or not alphanumeric
  key_file_corrupt,       ///< `<config>/bridge/key.json` exists but is not a key file we wrote
  key_file_unreadable,    ///< the key file exists but cannot be read (permissions, I/O)
  key_file_write_failed,  ///< the key file could not be written
  allow_list_invalid,     ///< `<config>/bridge/allowed-origins.json` is not a valid list
  runtime_not_running,    ///< the runtime cannot be reached (no runtime link yet, or it is down)
  message_invalid,        ///< JSON, but not a valid message (no type, a field of the wrong kind)
  protocol_unsupported,   ///< the extension's protocol version is older than this bridge reads
  crypto_failure,         ///< an OpenSSL call failed unexpectedly (no entropy, out of memory)
};

/// The error category for bridge::errc ("postern.bridge").
const std::error_category& bridge_category();
/// Lets `std::error_code code = errc::...` work (found by argument-dependent lookup).
std::error_code make_error_code(errc e);
/// The stable, user-facing code for `e` (for example "KEY_MISMATCH"), as in base/codes.hpp.
std::string_view stable_code(errc e);
/// The stable code for any error: bridge errors map as above, anything else is INTERNAL_ERROR.
std::string_view stable_code(const std::error_code& code);

}  // namespace postern::bridge

template <>
struct std::is_error_code_enum<postern::bridge::errc> : std::true_type {};
