#include "runtime/auth/digest_challenge.hpp"

#include <catch2/catch.hpp>

#include "runtime/auth/errc.hpp"

using namespace postern::auth;

namespace {

Challenge only_challenge(std::string_view header) {
  auto parsed = parse_challenges(header);
  REQUIRE(parsed);
  REQUIRE(parsed.value().size() == 1);
  return parsed.value().front();
}

}  // namespace

TEST_CASE("digest algorithms are RFC 7616's names in any case, with -sess", "[auth][digest]") {
  auto md5 = digest_algorithm("md5");
  REQUIRE(md5);
  CHECK(md5->hash == HashAlgorithm::md5);
  CHECK_FALSE(md5->session);
  CHECK(md5->name == "MD5");
  auto sess = digest_algorithm("SHA-256-SESS");
  REQUIRE(sess);
  CHECK(sess->hash == HashAlgorithm::sha256);
  CHECK(sess->session);
  CHECK(sess->name == "SHA-256-sess");
  CHECK(digest_algorithm("SHA-512-256")->hash == HashAlgorithm::sha512_256);
  CHECK_FALSE(digest_algorithm("SHA-1"));
  CHECK_FALSE(digest_algorithm("-sess"));
  CHECK_FALSE(digest_algorithm(""));
}

TEST_CASE("qop options are split, trimmed and lower-cased", "[auth][digest]") {
  CHECK(split_qop_options("auth, Auth-Int") == std::vector<std::string>{"auth", "auth-int"});
  CHECK(split_qop_options(" ,auth,,") == std::vector<std::string>{"auth"});
  CHECK(split_qop_options("").empty());
}

TEST_CASE("RFC 7616 §3.9.1's challenge is read field by field", "[auth][digest]") {
  auto digest = read_digest_challenge(only_challenge(
      "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256, "
      "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", "
      "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\""));
  REQUIRE(digest);
  CHECK(digest.value().realm == "http-auth@example.org");
  CHECK(digest.value().nonce == "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v");
  CHECK(digest.value().opaque == "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS");
  CHECK(digest.value().algorithm.name == "SHA-256");
  CHECK(digest.value().qop == std::vector<std::string>{"auth", "auth-int"});
  CHECK_FALSE(digest.value().stale);
  CHECK_FALSE(digest.value().userhash);
}

TEST_CASE("a digest challenge defaults to MD5 and reads stale and userhash", "[auth][digest]") {
  auto digest = read_digest_challenge(
      only_challenge("Digest realm=\"r\", nonce=\"n\", stale=TRUE, userhash=true"));
  REQUIRE(digest);
  CHECK(digest.value().algorithm.name == "MD5");
  CHECK(digest.value().qop.empty());
  CHECK_FALSE(digest.value().opaque);
  CHECK(digest.value().stale);
  CHECK(digest.value().userhash);
  auto not_stale = read_digest_challenge(only_challenge("Digest nonce=\"n\", stale=false"));
  REQUIRE(not_stale);
  CHECK_FALSE(not_stale.value().stale);
}

TEST_CASE("a digest challenge without a nonce or with an unknown algorithm is refused",
          "[auth][digest]") {
  auto no_nonce = read_digest_challenge(only_challenge("Digest realm=\"r\""));
  REQUIRE_FALSE(no_nonce);
  CHECK(no_nonce.error().code == errc::bad_challenge);
  auto empty_nonce = read_digest_challenge(only_challenge("Digest realm=\"r\", nonce=\"\""));
  REQUIRE_FALSE(empty_nonce);
  auto unknown = read_digest_challenge(only_challenge("Digest nonce=\"n\", algorithm=SHA-1"));
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().code == errc::unsupported_challenge);
  CHECK(unknown.error().message.find("SHA-1") != std::string::npos);
}
