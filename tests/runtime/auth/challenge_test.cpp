#include "runtime/auth/challenge.hpp"

#include <catch2/catch.hpp>

using namespace postern::auth;

TEST_CASE("a Digest challenge with quoted and token parameters", "[auth][challenge]") {
  auto parsed = parse_challenges(
      R"(Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, )"
      R"(nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe\"/sQ")");
  REQUIRE(parsed);
  REQUIRE(parsed.value().size() == 1);
  const Challenge& digest = parsed.value()[0];
  CHECK(digest.scheme == "Digest");
  CHECK(digest.param("REALM") == "http-auth@example.org");
  CHECK(digest.param("qop") == "auth, auth-int");
  CHECK(digest.param("algorithm") == "SHA-256");
  CHECK(digest.param("opaque") == "FQhe\"/sQ");
  CHECK_FALSE(digest.param("stale"));
}

TEST_CASE("several challenges in one header, with token68 blobs", "[auth][challenge]") {
  auto parsed = parse_challenges(
      R"(Negotiate, NTLM TlRMTVNTUAACAAAA==, Basic realm="x", Digest realm="y", nonce="n")");
  REQUIRE(parsed);
  const auto& list = parsed.value();
  REQUIRE(list.size() == 4);
  CHECK(list[0].scheme == "Negotiate");
  CHECK(list[0].token68.empty());
  CHECK(list[1].scheme == "NTLM");
  CHECK(list[1].token68 == "TlRMTVNTUAACAAAA==");
  CHECK(list[2].param("realm") == "x");
  CHECK(list[3].param("realm") == "y");
  CHECK(list[3].param("nonce") == "n");
}

TEST_CASE("malformed challenges are errors naming the position", "[auth][challenge]") {
  auto unterminated = parse_challenges(R"(Digest realm="open)");
  REQUIRE_FALSE(unterminated);
  CHECK(unterminated.error().message.find("unterminated") != std::string::npos);
  CHECK_FALSE(parse_challenges("Digest realm=\"a\" junk"));
  CHECK_FALSE(parse_challenges("=oops"));
  CHECK_FALSE(parse_challenges("Digest realm=\"a\", nonce="));
}

TEST_CASE("challenges_for picks the scheme and skips a malformed header", "[auth][challenge]") {
  ResponseHead response{401,
                        {{"WWW-Authenticate", "Digest realm=\"open"},
                         {"www-authenticate", "Basic realm=\"b\""},
                         {"WWW-Authenticate", "digest realm=\"d\", nonce=\"1\""},
                         {"Proxy-Authenticate", "Digest realm=\"proxy\""}}};
  auto digests = challenges_for(response, "Digest");
  REQUIRE(digests.size() == 1);
  CHECK(digests[0].param("realm") == "d");
  auto proxy = challenges_for(response, "Digest", true);
  REQUIRE(proxy.size() == 1);
  CHECK(proxy[0].param("realm") == "proxy");
}
