// NTLM's messages and NTLMv2 computations against MS-NLMP §4.2.4 (tests/data/auth/ntlm/).
#include "runtime/auth/ntlm_messages.hpp"

#include <catch2/catch.hpp>
#include <sstream>

#include "auth_vectors.hpp"
#include "runtime/auth/crypto.hpp"

using namespace postern::auth;
using namespace postern::auth::ntlm::detail;
using postern::testing::auth_vector;

namespace {

std::string from_hex(std::string_view hex) {
  std::string out;
  int high = -1;
  for (char c : hex) {
    int value = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (value < 0) continue;
    if (high < 0) {
      high = value;
    } else {
      out += static_cast<char>(high * 16 + value);
      high = -1;
    }
  }
  return out;
}

/// One "name value" line of msnlmp-4.2.4-values.txt (quoted values are text, others hex).
std::string value(const std::string& name) {
  std::istringstream lines(auth_vector("ntlm", "msnlmp-4.2.4-values.txt"));
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(name + " ", 0) != 0) continue;
    std::string rest = line.substr(name.size() + 1);
    return rest.front() == '"' ? rest.substr(1, rest.size() - 2) : from_hex(rest);
  }
  FAIL("no value " << name);
  return {};
}

Challenge spec_challenge() {
  auto parsed = parse_challenge(from_hex(auth_vector("ntlm", "msnlmp-4.2.4.3-challenge.hex")));
  REQUIRE(parsed);
  return parsed.value();
}

}  // namespace

TEST_CASE("ntlm hashes match MS-NLMP 4.2.2.1.2 and 4.2.4.1.1", "[auth][ntlm]") {
  CHECK(nt_hash(value("password")) == value("ntowfv1"));
  CHECK(ntowfv2(value("password"), value("user"), value("domain")) == value("ntowfv2"));
  // The user is folded to upper case, the domain is not (MS-NLMP 3.3.2).
  CHECK(ntowfv2("Password", "user", "Domain") == value("ntowfv2"));
  CHECK(ntowfv2("Password", "User", "DOMAIN") != value("ntowfv2"));
}

TEST_CASE("ntlm parses MS-NLMP 4.2.4.3's CHALLENGE message", "[auth][ntlm]") {
  const Challenge challenge = spec_challenge();
  CHECK(challenge.flags == 0xe28a8233u);
  CHECK(challenge.server_challenge == value("server_challenge"));
  CHECK(challenge.target_name == utf16le("Server"));
  CHECK(challenge.target_info.size() == 36);
  CHECK(challenge.target_info.substr(4, 12) == utf16le("Domain"));
  CHECK_FALSE(challenge.timestamp);
}

TEST_CASE("ntlm computes MS-NLMP 4.2.4.2's NTLMv2 responses", "[auth][ntlm]") {
  const Challenge challenge = spec_challenge();
  const auto responses = ntlmv2_responses(value("ntowfv2"), challenge.server_challenge,
                                          value("client_challenge"), 0, challenge.target_info);
  CHECK(to_hex(responses.nt_response) ==
        to_hex(from_hex(auth_vector("ntlm", "msnlmp-4.2.4.2.2-ntlmv2-response.hex"))));
  CHECK(responses.nt_response.substr(0, 16) == value("nt_proof_str"));
  CHECK(responses.lm_response == value("lmv2_response"));
  CHECK(responses.session_base_key == value("session_base_key"));
}

TEST_CASE("ntlm NEGOTIATE message is the 32-byte form of MS-NLMP 2.2.1.1", "[auth][ntlm]") {
  const std::string message = negotiate_message();
  CHECK(to_hex(message) ==
        "4e544c4d5353500001000000078208a0000000002000000000000000"
        "20000000");
  CHECK(kClientFlags == 0xa0088207u);
}

TEST_CASE("ntlm AUTHENTICATE message lays out its payload per MS-NLMP 2.2.1.3", "[auth][ntlm]") {
  const Challenge challenge = spec_challenge();
  const auto responses = ntlmv2_responses(value("ntowfv2"), challenge.server_challenge,
                                          value("client_challenge"), 0, challenge.target_info);
  const std::uint32_t flags = negotiated_flags(challenge.flags);
  CHECK(flags == 0xa0888201u);  // Unicode (not OEM), NTLM, sign, ESS, target info, 128, 56
  const std::string message = authenticate_message(
      {flags, responses.lm_response, responses.nt_response, "Domain", "User", "COMPUTER"});
  // Header: signature, type 3, then (length, length, offset) for LM, NT, domain, user, host and
  // session key, then the flags; the payload follows in the order domain, user, host, LM, NT.
  CHECK(to_hex(message.substr(0, 64)) ==
        "4e544c4d535350000300000018001800"
        "64000000540054007c0000000c000c00"
        "40000000080008004c00000010001000"
        "5400000000000000d0000000018288a0");
  CHECK(message.substr(0x40, 12) == utf16le("Domain"));
  CHECK(message.substr(0x4c, 8) == utf16le("User"));
  CHECK(message.substr(0x54, 16) == utf16le("COMPUTER"));
  CHECK(message.substr(0x64, 24) == value("lmv2_response"));
  CHECK(message.substr(0x7c) == responses.nt_response);
  // OEM servers get the names' bytes as they are.
  const std::string oem = authenticate_message({kNegotiateOem, "", "", "D", "U", "W"});
  CHECK(oem.substr(64) == "DUW");
}

TEST_CASE("ntlm refuses CHALLENGE messages that lie about their size", "[auth][ntlm]") {
  const std::string good = from_hex(auth_vector("ntlm", "msnlmp-4.2.4.3-challenge.hex"));
  CHECK_FALSE(parse_challenge(good.substr(0, 31)));
  CHECK_FALSE(parse_challenge("XTLMSSP" + good.substr(7)));
  std::string type3 = good;
  type3[8] = 3;
  CHECK_FALSE(parse_challenge(type3));
  std::string far_name = good;
  far_name[16] = '\x7f';  // TargetName offset past the end
  CHECK_FALSE(parse_challenge(far_name));
  std::string long_info = good;
  long_info[40] = '\x30';  // TargetInfo longer than the message
  CHECK_FALSE(parse_challenge(long_info));
  std::string no_eol = good.substr(0, good.size() - 4);
  no_eol[40] = '\x20';  // the list without its MsvAvEOL
  no_eol[42] = '\x20';
  auto refused = parse_challenge(no_eol);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message.find("AV_PAIR") != std::string::npos);
  // A 32-byte CHALLENGE (no target info) is still a CHALLENGE.
  std::string minimal_message = good.substr(0, 32);
  minimal_message.replace(12, 8, std::string(8, '\0'));  // and no target name
  auto minimal = parse_challenge(minimal_message);
  REQUIRE(minimal);
  CHECK(minimal.value().target_info.empty());
}

TEST_CASE("ntlm reads the server's MsvAvTimestamp", "[auth][ntlm]") {
  std::string message = from_hex(auth_vector("ntlm", "msnlmp-4.2.4.3-challenge.hex"));
  // Replace the AV list's MsvAvEOL with MsvAvTimestamp(8) + MsvAvEOL, and grow the field.
  message.resize(message.size() - 4);
  message += std::string("\x07\x00\x08\x00", 4) +
             std::string("\x01\x02\x03\x04\x05\x06\x07\x08", 8) + std::string(4, '\0');
  message[40] = static_cast<char>(36 + 12);
  message[42] = static_cast<char>(36 + 12);
  auto parsed = parse_challenge(message);
  REQUIRE(parsed);
  CHECK(parsed.value().timestamp == 0x0807060504030201u);
}

TEST_CASE("ntlm converts UTF-8 to UTF-16LE, surrogates included", "[auth][ntlm]") {
  CHECK(utf16le("Ab") == std::string("A\0b\0", 4));
  CHECK(utf16le("\xc3\xa9") == std::string("\xe9\x00", 2));                  // U+00E9
  CHECK(utf16le("\xe2\x82\xac") == std::string("\xac\x20", 2));              // U+20AC
  CHECK(utf16le("\xf0\x9f\x98\x80") == std::string("\x3d\xd8\x00\xde", 4));  // U+1F600
  CHECK(utf16le("\xff") == std::string("\xfd\xff", 2));                      // invalid: U+FFFD
  CHECK(utf16le("\xc0\xaf") == std::string("\xfd\xff", 2));                  // overlong '/'
}

TEST_CASE("ntlm FILETIME counts 100 ns from 1601", "[auth][ntlm]") {
  CHECK(filetime(0) == 116444736000000000u);
  CHECK(filetime(-11644473600) == 0u);
}
