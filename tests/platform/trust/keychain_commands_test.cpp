// macOS `security` command lines and parsers. Tested with fake output: a macOS keychain cannot
// exist on the Linux machines that run these tests.
#include <catch2/catch.hpp>

#include "platform/fake_runner.hpp"
#include "platform/trust/keychain_commands.hpp"

using namespace postern;
using namespace postern::platform::trust;
using Argv = std::vector<std::string>;

TEST_CASE("security command lines (fake security tool: macOS keychain cannot exist here)",
          "[keychain]") {
  const std::string kc(kSystemKeychain);
  CHECK(kc == "/Library/Keychains/System.keychain");
  CHECK(add_trusted_cert_argv(kc, "/tmp/ca.pem") ==
        Argv{"security", "add-trusted-cert", "-d", "-r", "trustRoot", "-k", kc, "/tmp/ca.pem"});
  CHECK(verify_cert_argv("/tmp/ca.pem") ==
        Argv{"security", "verify-cert", "-c", "/tmp/ca.pem", "-p", "ssl"});
  CHECK(find_certificates_argv(kc) == Argv{"security", "find-certificate", "-a", "-Z", kc});
  CHECK(delete_certificate_argv("0A1B", kc) ==
        Argv{"security", "delete-certificate", "-Z", "0A1B", kc});
  CHECK(remove_trusted_cert_argv("/tmp/ca.pem") ==
        Argv{"security", "remove-trusted-cert", "-d", "/tmp/ca.pem"});
}

TEST_CASE(
    "find-certificate -Z output yields SHA-1 hashes (fake security tool: macOS keychain "
    "cannot exist here)",
    "[keychain]") {
  const std::string output =
      "SHA-256 hash: 8157BC1647E1EF7A7A73A93A1C5AD02325F328DC722E03229456F4A35EF7B1DD\n"
      "SHA-1 hash: e129119269 99E75F092E44E02C846067783525 19\n"
      "keychain: \"/Library/Keychains/System.keychain\"\n"
      "SHA-1 hash: E12911926999E75F092E44E02C84606778352519\n"
      "attributes:\n"
      "    \"labl\"<blob>=\"Postern Proxy CA (tester@testhost)\"\n"
      "SHA-1 hash: 0123456789abcdef0123456789abcdef01234567\n";
  // The first SHA-1 line is malformed (spaces inside), so it is skipped, not misread.
  CHECK(parse_sha1_hashes(output) == Argv{"E12911926999E75F092E44E02C84606778352519",
                                          "0123456789ABCDEF0123456789ABCDEF01234567"});
  CHECK(parse_sha1_hashes("security: SecKeychainSearchCopyNext: not found").empty());
}

TEST_CASE(
    "verify-cert and admin-refusal output (fake security tool: macOS keychain cannot "
    "exist here)",
    "[keychain]") {
  CHECK(verify_cert_succeeded(testing::ok("...certificate verification successful.\n")));
  CHECK_FALSE(
      verify_cert_succeeded(testing::exited(1, "Cert Verify Result: CSSMERR_TP_NOT_TRUSTED\n")));
  CHECK_FALSE(verify_cert_succeeded(testing::ok("")));
  CHECK(
      keychain_needs_admin("SecTrustSettingsSetTrustSettings: The authorization was denied "
                           "since no user interaction was possible."));
  CHECK(keychain_needs_admin("security: write permissions error"));
  CHECK_FALSE(keychain_needs_admin("security: unknown option"));
}
