// certutil command lines and the parsing of its output (samples from NSS 3.87's certutil).
#include <catch2/catch.hpp>

#include "platform/trust/certutil_commands.hpp"

using namespace postern::platform::trust;
using Argv = std::vector<std::string>;

TEST_CASE("certutil command lines", "[certutil]") {
  Certutil tool;
  const std::string db = "sql:/h/.pki/nssdb";
  const std::string nick = "Postern Proxy CA 0a1b2c3d4e5f6789";
  CHECK(tool.list(db) == Argv{"certutil", "-L", "-d", db});
  CHECK(tool.export_pem(db, nick) == Argv{"certutil", "-L", "-d", db, "-n", nick, "-a"});
  CHECK(tool.add(db, nick) == Argv{"certutil", "-A", "-d", db, "-t", "C,,", "-n", nick});
  CHECK(tool.set_trust(db, nick) == Argv{"certutil", "-M", "-d", db, "-t", "C,,", "-n", nick});
  CHECK(tool.verify(db, nick, 'L') == Argv{"certutil", "-V", "-d", db, "-n", nick, "-u", "L"});
  CHECK(tool.remove(db, nick) == Argv{"certutil", "-D", "-d", db, "-n", nick});
  CHECK(tool.create_db(db) == Argv{"certutil", "-N", "--empty-password", "-d", db});
  CHECK(Certutil{"/opt/homebrew/opt/nss/bin/certutil"}.list(db).front() ==
        "/opt/homebrew/opt/nss/bin/certutil");
}

TEST_CASE("certutil -L listings parse into nicknames and trust flags", "[certutil]") {
  const std::string output =
      "\n"
      "Certificate Nickname                                         Trust Attributes\n"
      "                                                             SSL,S/MIME,JAR/XPI\n"
      "\n"
      "Postern Proxy CA 0a1b2c3d4e5f6789                            C,,  \n"
      "leaf                                                         ,,   \n"
      "Some Corp Root                                               CT,C,C\n";
  auto entries = parse_certutil_list(output);
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].nickname == "Postern Proxy CA 0a1b2c3d4e5f6789");
  CHECK(entries[0].trust == "C,,");
  CHECK(entries[1].nickname == "leaf");
  CHECK(entries[1].trust == ",,");
  CHECK(entries[2].trust == "CT,C,C");
  CHECK(parse_certutil_list("").empty());
}

TEST_CASE("only an upper-case C in the SSL field trusts a CA for TLS", "[certutil]") {
  CHECK(trusted_for_tls("C,,"));
  CHECK(trusted_for_tls("CT,,"));
  CHECK(trusted_for_tls("C,C,C"));
  CHECK_FALSE(trusted_for_tls(",,"));
  CHECK_FALSE(trusted_for_tls("P,,"));
  CHECK_FALSE(trusted_for_tls("c,,"));  // "valid CA" is not "trusted CA"
  CHECK_FALSE(trusted_for_tls(",C,"));  // trusted for e-mail only
}

TEST_CASE("certutil's not-found messages are recognised", "[certutil]") {
  CHECK(
      certutil_not_found("certutil: could not find certificate named \"X\": "
                         "SEC_ERROR_INVALID_ARGS: security library: invalid arguments."));
  CHECK(certutil_not_found("certutil: Could not find cert: X\n: PR_FILE_NOT_FOUND_ERROR"));
  CHECK_FALSE(certutil_not_found("certutil: function failed: SEC_ERROR_BAD_DATABASE"));
}

TEST_CASE("PEM text splits into certificate blocks", "[certutil]") {
  const std::string one = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----";
  auto blocks = split_pem_certificates("junk\n" + one + "\n" + one + "\ntrailer");
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[0] == one + "\n");
  CHECK(split_pem_certificates("no pem here").empty());
}
