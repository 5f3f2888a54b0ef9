#include "runtime/auth/crypto.hpp"

#include <catch2/catch.hpp>

using namespace postern::auth;

TEST_CASE("hashes match FIPS 180 / RFC 1321 vectors for \"abc\"", "[auth][crypto]") {
  CHECK(to_hex(hash(HashAlgorithm::md5, "abc")) == "900150983cd24fb0d6963f7d28e17f72");
  CHECK(to_hex(hash(HashAlgorithm::sha1, "abc")) == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(to_hex(hash(HashAlgorithm::sha256, "abc")) ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(to_hex(hash(HashAlgorithm::sha512_256, "abc")) ==
        "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23");
  CHECK(to_hex(hash(HashAlgorithm::sha512, "abc")).starts_with("ddaf35a193617aba"));
}

TEST_CASE("HMAC matches RFC 4231 test case 2 and RFC 2202", "[auth][crypto]") {
  CHECK(to_hex(hmac(HashAlgorithm::sha256, "Jefe", "what do ya want for nothing?")) ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  CHECK(to_hex(hmac(HashAlgorithm::sha1, "Jefe", "what do ya want for nothing?")) ==
        "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
  CHECK(to_hex(hmac(HashAlgorithm::md5, "Jefe", "what do ya want for nothing?")) ==
        "750c783e6ab0b503eaa86e310a5db738");
}

TEST_CASE("base64 matches RFC 4648 section 10 and round-trips", "[auth][crypto]") {
  const char* plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
  const char* coded[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
  for (int i = 0; i < 7; ++i) {
    CHECK(base64_encode(plain[i]) == coded[i]);
    auto back = base64_decode(coded[i]);
    REQUIRE(back);
    CHECK(back.value() == plain[i]);
  }
  CHECK(base64url_encode("\xfb\xff") == "-_8");
  CHECK_FALSE(base64_decode("Zm9v!"));
  CHECK_FALSE(base64_decode("Z"));
}

TEST_CASE("random_bytes gives the asked length and differs between calls", "[auth][crypto]") {
  CHECK(random_bytes(32).size() == 32);
  CHECK(random_bytes(16) != random_bytes(16));
  CHECK(random_bytes(0).empty());
}
