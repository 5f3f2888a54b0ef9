#pragma once
// macOS `security` command lines and output parsers, kept portable so they are unit-tested on
// every OS; only macos_keychain_store.cpp runs them.

#include <string>
#include <string_view>
#include <vector>

#include "platform/command_runner.hpp"

namespace postern::platform::trust {

/// The keychain every user and every app on the Mac reads for trusted roots.
inline constexpr std::string_view kSystemKeychain = "/Library/Keychains/System.keychain";

/// Adds `cert_file` to `keychain` and marks it a trusted root in the admin trust settings (-d).
std::vector<std::string> add_trusted_cert_argv(std::string_view keychain,
                                               std::string_view cert_file);
/// Evaluates `cert_file` with the SSL policy against the current trust settings.
std::vector<std::string> verify_cert_argv(std::string_view cert_file);
/// Lists every certificate in `keychain` with its SHA-1 (-Z) hash. Not filtered with -c: that
/// matches the subject's common name, which is not the store label Postern uses elsewhere.
std::vector<std::string> find_certificates_argv(std::string_view keychain);
/// Deletes the certificate with this SHA-1 from `keychain` (and its trust settings with it).
std::vector<std::string> delete_certificate_argv(std::string_view sha1_hex,
                                                 std::string_view keychain);
/// Removes the admin trust settings for `cert_file`.
std::vector<std::string> remove_trusted_cert_argv(std::string_view cert_file);

/// The SHA-1 hashes (upper-case hex) in `security find-certificate -Z` output.
std::vector<std::string> parse_sha1_hashes(std::string_view output);

/// True when `security verify-cert` reported success.
bool verify_cert_succeeded(const CommandResult& result);

/// True when `security` failed because it needed an administrator (sudo, or a GUI prompt that
/// could not be shown over SSH).
bool keychain_needs_admin(std::string_view output);

}  // namespace postern::platform::trust
