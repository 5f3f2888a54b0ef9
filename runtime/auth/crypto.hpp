#pragma once
// The hashing, HMAC and encoding every scheme shares, written once (STYLE practice 9): an
// algorithm difference (MD5 / SHA-256 / SHA-512-256) is a parameter, not a copy of a function.
// Results are raw bytes in std::string; to_hex/base64 turn them into text.

#include <string>
#include <string_view>

#include "base/result.hpp"

namespace postern::auth {

enum class HashAlgorithm { md5, sha1, sha256, sha512, sha512_256 };

/// The raw digest of `data`.
std::string hash(HashAlgorithm algorithm, std::string_view data);

/// The raw HMAC of `data` under `key`.
std::string hmac(HashAlgorithm algorithm, std::string_view key, std::string_view data);

/// Lower-case hex of raw bytes.
std::string to_hex(std::string_view bytes);

/// Standard base64 with padding (RFC 4648 §4).
std::string base64_encode(std::string_view bytes);

/// base64url without padding (RFC 4648 §5; PKCE, JWT).
std::string base64url_encode(std::string_view bytes);

/// Decodes standard base64 (padding optional); an errc::bad_parameter error for other input.
base::Result<std::string> base64_decode(std::string_view text);

/// `count` bytes from OpenSSL's CSPRNG.
std::string random_bytes(std::size_t count);

}  // namespace postern::auth
