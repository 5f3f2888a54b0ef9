// PKCE against RFC 7636 Appendix B, and the verifier's grammar (§4.1).
#include "runtime/auth/pkce.hpp"

#include <catch2/catch.hpp>

#include "runtime/auth/errc.hpp"

using namespace postern::auth;

namespace {

// RFC 7636 Appendix B: the 32 octets, their base64url verifier and its S256 challenge.
constexpr const char* kVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
constexpr const char* kChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

AuthContext fixed_random(std::string bytes) {
  return AuthContext{[] { return std::int64_t{0}; },
                     [bytes](std::size_t count) { return bytes.substr(0, count); }};
}

}  // namespace

TEST_CASE("S256 of RFC 7636 Appendix B's verifier is its challenge", "[auth][pkce]") {
  CHECK(code_challenge(kVerifier, PkceMethod::s256) == kChallenge);
  CHECK(code_challenge(kVerifier, PkceMethod::plain) == kVerifier);
}

TEST_CASE("a made verifier is the base64url of 32 random octets (Appendix B's octets)",
          "[auth][pkce]") {
  const unsigned char octets[] = {116, 24,  223, 180, 151, 153, 224, 37,  79,  250, 96,
                                  125, 216, 173, 187, 186, 22,  212, 37,  77,  105, 214,
                                  191, 240, 91,  88,  5,   88,  83,  132, 141, 121};
  auto context = fixed_random(std::string(reinterpret_cast<const char*>(octets), sizeof octets));
  CHECK(make_code_verifier(context) == kVerifier);
  CHECK(valid_code_verifier(make_code_verifier(system_context())));
}

TEST_CASE("verifiers are 43 to 128 unreserved characters", "[auth][pkce]") {
  CHECK(valid_code_verifier(std::string(43, 'a')));
  CHECK(valid_code_verifier(std::string(128, '~')));
  CHECK(valid_code_verifier("abc-._~" + std::string(36, 'Z')));
  CHECK_FALSE(valid_code_verifier(std::string(42, 'a')));
  CHECK_FALSE(valid_code_verifier(std::string(129, 'a')));
  CHECK_FALSE(valid_code_verifier(std::string(42, 'a') + "+"));
  CHECK_FALSE(valid_code_verifier(std::string(42, 'a') + "/"));
}

TEST_CASE("challenge methods are S256 and plain", "[auth][pkce]") {
  CHECK(parse_pkce_method("S256").value() == PkceMethod::s256);
  CHECK(parse_pkce_method("SHA-256").value() == PkceMethod::s256);
  CHECK(parse_pkce_method("plain").value() == PkceMethod::plain);
  auto bad = parse_pkce_method("MD5");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == errc::bad_parameter);
  CHECK(bad.error().message.find("challengeAlgorithm") != std::string::npos);
  CHECK(pkce_method_name(PkceMethod::s256) == "S256");
  CHECK(pkce_method_name(PkceMethod::plain) == "plain");
}
