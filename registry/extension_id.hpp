#pragma once
// The Chromium extension ID that an extension's manifest "key" fixes (recipe chromium-e2e §2).
// Kept apart from host_manifest.hpp because it needs a SHA-256 (OpenSSL), while the manifest
// itself is plain JSON: that keeps the manifest and the registrars free of OpenSSL, so the
// Windows registrar can be cross-built and tested under Wine (recipe windows-wine §6).

#include <string>
#include <string_view>

namespace postern::registry {

/// SHA-256 of the DER SubjectPublicKeyInfo, first 16 bytes, each nibble 0..15 written as
/// 'a'..'p'; empty if the digest cannot be computed.
std::string extension_id_from_public_key(std::string_view der_public_key);

}  // namespace postern::registry
