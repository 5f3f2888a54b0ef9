// The ntlm scheme's handshake: NEGOTIATE first, the server's CHALLENGE read from the 401, then
// AUTHENTICATE, checked against MS-NLMP §4.2.4's values with the clock and randomness pinned.
#include <catch2/catch.hpp>

#include "runtime/auth/crypto.hpp"
#include "runtime/auth/errc.hpp"
#include "runtime/auth/ntlm_messages.hpp"
#include "runtime/auth/scheme_registry.hpp"

using namespace postern::auth;
namespace msg = postern::auth::ntlm::detail;

namespace {

constexpr std::int64_t kFiletimeZero = -11644473600;  // MS-NLMP 4.2.4's Time: 0

AuthContext spec_context() {
  return AuthContext{[] { return kFiletimeZero; },
                     [](std::size_t n) { return std::string(n, '\xaa'); }};
}

const std::string kSpecChallenge =
    "TlRMTVNTUAACAAAADAAMADgAAAAzgoriASNFZ4mrze8AAAAAAAAAACQAJABEAAAABgBwFwAAAA9TAGUAcgB2AGUAcgAC"
    "AAwARABvAG0AYQBpAG4AAQAMAFMAZQByAHYAZQByAAAAAAA=";

ResponseHead unauthorized(std::string www_authenticate) {
  return ResponseHead{401, {{"WWW-Authenticate", std::move(www_authenticate)}}};
}

std::string authorization_blob(const HttpRequest& request) {
  auto header = find_header(request.headers, "Authorization");
  REQUIRE(header);
  REQUIRE(header->starts_with("NTLM "));
  auto bytes = base64_decode(header->substr(5));
  REQUIRE(bytes);
  return bytes.value();
}

}  // namespace

TEST_CASE("ntlm runs NEGOTIATE, CHALLENGE, AUTHENTICATE with MS-NLMP 4.2.4's values",
          "[auth][ntlm]") {
  auto scheme = make_auth_scheme("ntlm",
                                 {{"username", "User"},
                                  {"password", "Password"},
                                  {"domain", "Domain"},
                                  {"workstation", "COMPUTER"}},
                                 spec_context());
  REQUIRE(scheme);
  CHECK_FALSE(scheme.value()->complete_without_server());

  HttpRequest request{"GET", "http://intranet/", {}, ""};
  REQUIRE(scheme.value()->create_response(request));
  CHECK(authorization_blob(request) == msg::negotiate_message());

  // The server's 401 may list several schemes; the NTLM one with a token is the CHALLENGE.
  ResponseHead challenge{
      401, {{"WWW-Authenticate", "Negotiate"}, {"WWW-Authenticate", "NTLM " + kSpecChallenge}}};
  auto answer = scheme.value()->decode_challenge(request, challenge);
  REQUIRE(answer);
  CHECK(answer.value() == ChallengeAnswer::retry);

  REQUIRE(scheme.value()->create_response(request));
  const std::string authenticate = authorization_blob(request);
  auto spec = msg::parse_challenge(base64_decode(kSpecChallenge).value()).value();
  const auto expected =
      msg::ntlmv2_responses(msg::ntowfv2("Password", "User", "Domain"), spec.server_challenge,
                            std::string(8, '\xaa'), 0, spec.target_info);
  CHECK(authenticate ==
        msg::authenticate_message({msg::negotiated_flags(spec.flags), expected.lm_response,
                                   expected.nt_response, "Domain", "User", "COMPUTER"}));
  // MS-NLMP 4.2.4.2.2's NTProofStr is in there.
  CHECK(to_hex(authenticate.substr(0x7c, 16)) == "68cd0ab851e51c96aabc927bebef6a1c");

  // A 401 to AUTHENTICATE is a refusal, not a new round.
  auto refused = scheme.value()->decode_challenge(request, unauthorized("NTLM"));
  REQUIRE(refused);
  CHECK(refused.value() == ChallengeAnswer::done);
}

TEST_CASE("ntlm splits DOMAIN\\user and user@DOMAIN as Postman does", "[auth][ntlm]") {
  auto user_at = [](const AuthParams& params) {
    auto scheme = make_auth_scheme("ntlm", params, spec_context());
    REQUIRE(scheme);
    HttpRequest request{"GET", "http://intranet/", {}, ""};
    REQUIRE(scheme.value()->create_response(request));
    REQUIRE(scheme.value()->decode_challenge(request, unauthorized("NTLM " + kSpecChallenge)));
    REQUIRE(scheme.value()->create_response(request));
    const std::string message = authorization_blob(request);
    auto field = [&](std::size_t at) {
      const auto length = static_cast<unsigned char>(message[at]);
      const auto offset = static_cast<unsigned char>(message[at + 4]);
      return message.substr(offset, length);
    };
    return std::pair{field(28), field(36)};  // domain, user
  };
  CHECK(user_at({{"username", "Domain\\User"}, {"password", "p"}}) ==
        std::pair{msg::utf16le("Domain"), msg::utf16le("User")});
  CHECK(user_at({{"username", "User@Domain"}, {"password", "p"}}) ==
        std::pair{msg::utf16le("Domain"), msg::utf16le("User")});
  // An explicit domain wins; names with both separators or an empty part stay whole.
  CHECK(user_at({{"username", "A\\User"}, {"domain", "Domain"}}) ==
        std::pair{msg::utf16le("Domain"), msg::utf16le("A\\User")});
  CHECK(user_at({{"username", "a\\b@c"}}) == std::pair{std::string(), msg::utf16le("a\\b@c")});
  CHECK(user_at({{"username", "\\User"}}) == std::pair{std::string(), msg::utf16le("\\User")});
}

TEST_CASE("ntlm uses the server's timestamp and then sends no LM response", "[auth][ntlm]") {
  std::string message = base64_decode(kSpecChallenge).value();
  message.resize(message.size() - 4);
  message += std::string("\x07\x00\x08\x00", 4) +
             std::string("\x01\x02\x03\x04\x05\x06\x07\x08", 8) + std::string(4, '\0');
  message[40] = message[42] = static_cast<char>(48);
  auto scheme =
      make_auth_scheme("ntlm", {{"username", "User"}, {"password", "Password"}}, spec_context());
  REQUIRE(scheme);
  HttpRequest request{"GET", "http://intranet/", {}, ""};
  REQUIRE(scheme.value()->create_response(request));
  REQUIRE(
      scheme.value()->decode_challenge(request, unauthorized("NTLM " + base64_encode(message))));
  REQUIRE(scheme.value()->create_response(request));
  const std::string authenticate = authorization_blob(request);
  const auto lm_offset = static_cast<unsigned char>(authenticate[16]);
  CHECK(authenticate.substr(lm_offset, 24) == std::string(24, '\0'));
  const auto nt_offset = static_cast<unsigned char>(authenticate[24]);
  CHECK(authenticate.substr(nt_offset + 24, 8) == "\x01\x02\x03\x04\x05\x06\x07\x08");
}

TEST_CASE("ntlm stops after NEGOTIATE when disableRetryRequest is set", "[auth][ntlm]") {
  auto scheme = make_auth_scheme(
      "ntlm", {{"username", "User"}, {"password", "Password"}, {"disableRetryRequest", "true"}},
      spec_context());
  REQUIRE(scheme);
  HttpRequest request{"GET", "http://intranet/", {}, ""};
  REQUIRE(scheme.value()->create_response(request));
  auto answer = scheme.value()->decode_challenge(request, unauthorized("NTLM " + kSpecChallenge));
  REQUIRE(answer);
  CHECK(answer.value() == ChallengeAnswer::done);
}

TEST_CASE("ntlm ignores answers it cannot use and reports broken challenges", "[auth][ntlm]") {
  auto scheme =
      make_auth_scheme("ntlm", {{"username", "User"}, {"password", "s3cr3t"}}, spec_context());
  REQUIRE(scheme);
  HttpRequest request{"GET", "http://intranet/", {}, ""};
  // Before anything was sent, and for a 200 or a 401 without an NTLM token: nothing to do.
  CHECK(scheme.value()->decode_challenge(request, unauthorized("NTLM " + kSpecChallenge)).value() ==
        ChallengeAnswer::done);
  REQUIRE(scheme.value()->create_response(request));
  CHECK(scheme.value()->decode_challenge(request, {200, {}}).value() == ChallengeAnswer::done);
  CHECK(scheme.value()->decode_challenge(request, unauthorized("Basic realm=\"x\"")).value() ==
        ChallengeAnswer::done);
  CHECK(scheme.value()->decode_challenge(request, unauthorized("NTLM")).value() ==
        ChallengeAnswer::done);
  auto broken = scheme.value()->decode_challenge(request, unauthorized("NTLM AAAA"));
  REQUIRE_FALSE(broken);
  CHECK(broken.error().code == make_error_code(errc::bad_challenge));
  CHECK(broken.error().message.find("s3cr3t") == std::string::npos);

  // reset() forgets the handshake: the next request starts with NEGOTIATE again.
  REQUIRE(scheme.value()->decode_challenge(request, unauthorized("NTLM " + kSpecChallenge)));
  scheme.value()->reset();
  REQUIRE(scheme.value()->create_response(request));
  CHECK(authorization_blob(request) == msg::negotiate_message());
}

TEST_CASE("ntlm needs a user name", "[auth][ntlm]") {
  auto scheme = make_auth_scheme("ntlm", {{"password", "s3cr3t"}}, system_context());
  REQUIRE_FALSE(scheme);
  CHECK(scheme.error().message.find("username") != std::string::npos);
  CHECK(scheme.error().message.find("s3cr3t") == std::string::npos);
}
