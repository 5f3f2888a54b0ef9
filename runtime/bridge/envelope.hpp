#pragma once
// The bridge's channel encryption (DESIGN.md "Native messaging"): AES-256-GCM envelopes
//   {"type":"sealed","v":1,"iv":b64(12 bytes),"ct":b64,"tag":b64(16 bytes)}
// under a 32-byte key that is either random per install (paired on first connect) or derived from
// a custom key the user types on both sides. Everything here has a WebCrypto twin, so the
// extension computes the same bytes: AES-GCM with additionalData, PBKDF2 deriveBits, HMAC sign.
// WebCrypto appends the tag to the ciphertext; the extension splits off the last 16 bytes.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/result.hpp"

namespace postern::bridge {

/// A 256-bit AES key.
using Key = std::array<std::uint8_t, 32>;

/// Envelope format version written in "v".
inline constexpr int kEnvelopeVersion = 1;
/// Message type of an envelope.
inline constexpr std::string_view kSealedType = "sealed";
/// PBKDF2 iterations for custom keys. High enough to slow guessing of a short typed key, low
/// enough that WebCrypto in the extension derives it in well under a second. The bridge never
/// derives at start-up: `postern set-key` stores the derived key (see bridge_key_store.hpp).
inline constexpr int kCustomKeyIterations = 200000;
/// PBKDF2 salt for custom keys. Fixed rather than random because both sides must derive the same
/// key from the typed text alone, with nothing exchanged first; versioned so it can change.
inline constexpr std::string_view kCustomKeySalt = "postern-bridge-key-v1";
/// Shortest custom key accepted (the Interceptor seed's rule: 10 or more alphanumerics).
inline constexpr std::size_t kMinCustomKeyLength = 10;
/// Longest custom key accepted; anything longer is a paste accident, not a key.
inline constexpr std::size_t kMaxCustomKeyLength = 256;

/// A fresh random key for this install (RAND_bytes).
base::Result<Key> generate_install_key();

/// Validates a user's custom key (10..256 ASCII letters and digits) and derives the AES key
/// with PBKDF2-HMAC-SHA256 (kCustomKeyIterations, kCustomKeySalt). errc::custom_key_invalid
/// says what is wrong with the text.
base::Result<Key> derive_custom_key(std::string_view text);

/// First 8 bytes of HMAC-SHA256(key, "postern-key-check") as 16 lowercase hex digits. Both sides
/// exchange it in hello, so a key mismatch is named instead of showing up as undecryptable data.
std::string key_check(const Key& key);

/// Encrypts `plaintext` with a fresh random 96-bit IV, binding `aad` (authenticated, not sent).
base::Result<nlohmann::json> seal(const Key& key, std::string_view plaintext, std::string_view aad);

/// Decrypts an envelope. errc::envelope_malformed for a wrong shape, version, base64 or size;
/// errc::key_mismatch when it does not authenticate (a different key, a different `aad`, or
/// any altered byte: GCM cannot tell these apart, and none of them may be trusted).
base::Result<std::string> open(const Key& key, const nlohmann::json& envelope,
                               std::string_view aad);

/// The key as base64 (for pair_ack and the key file).
std::string key_to_base64(const Key& key);
/// A key from base64; errc::base64_invalid unless it is exactly 32 bytes.
base::Result<Key> key_from_base64(std::string_view text);

}  // namespace postern::bridge
