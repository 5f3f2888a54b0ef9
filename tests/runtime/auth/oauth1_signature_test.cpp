// OAuth 1.0a's signing steps against the RFC 5849 / OAuth Core 1.0 vectors in
// tests/data/auth/oauth1/ (see its README).
#include "runtime/auth/oauth1_signature.hpp"

#include <catch2/catch.hpp>

#include "auth_vectors.hpp"

using namespace postern::auth;
using namespace postern::auth::oauth1::detail;
using postern::testing::auth_vector;

TEST_CASE("oauth1 builds RFC 5849's section 3.4.1.1 base string", "[auth][oauth1]") {
  auto target = split_request_target("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");
  REQUIRE(target);
  Parameters parameters = {{"oauth_consumer_key", "9djdj82h48djs9d2"},
                           {"oauth_token", "kkk9d7dh3k39sjv7"},
                           {"oauth_signature_method", "HMAC-SHA1"},
                           {"oauth_timestamp", "137131201"},
                           {"oauth_nonce", "7d8f3e4a"}};
  for (auto& pair : decode_form(target.value().query))
    parameters.push_back(pair);
  for (auto& pair : decode_form("c2&a3=2+q"))  // the form body
    parameters.push_back(pair);
  CHECK(signature_base_string("POST", base_string_uri(target.value()),
                              normalize_parameters(parameters)) ==
        auth_vector("oauth1", "rfc5849-3.4.1.1.base"));
}

TEST_CASE("oauth1 decodes forms the way RFC 5849 section 3.4.1.3.1 reads them", "[auth][oauth1]") {
  auto pairs = decode_form("b5=%3D%253D&a3=a&c%40=&a2=r%20b&c2&a3=2+q");
  REQUIRE(pairs.size() == 6);
  CHECK(pairs[0] == std::pair<std::string, std::string>{"b5", "=%3D"});
  CHECK(pairs[2] == std::pair<std::string, std::string>{"c@", ""});
  CHECK(pairs[3].second == "r b");
  CHECK(pairs[4] == std::pair<std::string, std::string>{"c2", ""});
  CHECK(pairs[5].second == "2 q");
}

TEST_CASE("oauth1 base string URIs follow RFC 5849 section 3.4.1.2", "[auth][oauth1]") {
  // The RFC's two examples: default ports vanish, others stay; case folds; the query goes.
  auto first = split_request_target("http://EXAMPLE.COM:80/r%20v/X?id=123");
  auto second = split_request_target("https://www.example.net:8080/?q=1");
  REQUIRE(first);
  REQUIRE(second);
  CHECK(base_string_uri(first.value()) == "http://example.com/r%20v/X");
  CHECK(base_string_uri(second.value()) == "https://www.example.net:8080/");
}

TEST_CASE("oauth1 HMAC-SHA1 signs OAuth Core 1.0 appendix A.5", "[auth][oauth1]") {
  auto target =
      split_request_target("http://photos.example.net/photos?file=vacation.jpg&size=original");
  REQUIRE(target);
  Parameters parameters = decode_form(target.value().query);
  for (auto& pair : Parameters{{"oauth_consumer_key", "dpf43f3p2l4k3l03"},
                               {"oauth_token", "nnch734d00sl2jdk"},
                               {"oauth_signature_method", "HMAC-SHA1"},
                               {"oauth_timestamp", "1191242096"},
                               {"oauth_nonce", "kllo9940pd9333jh"},
                               {"oauth_version", "1.0"}})
    parameters.push_back(pair);
  const std::string base = signature_base_string("GET", base_string_uri(target.value()),
                                                 normalize_parameters(parameters));
  CHECK(base == auth_vector("oauth1", "oauth-core-a5.base"));
  CHECK(signing_key("kd94hf93k423kf44", "pfkkdhi9sl3r4s00") == "kd94hf93k423kf44&pfkkdhi9sl3r4s00");
  auto signature =
      sign(Method::hmac_sha1, base, signing_key("kd94hf93k423kf44", "pfkkdhi9sl3r4s00"), "");
  REQUIRE(signature);
  CHECK(signature.value() == "tR3+Ty81lMeYAr/Fid0kMTYa/WM=");
}

TEST_CASE("oauth1 RSA-SHA1 signs the OAuth wiki's test case", "[auth][oauth1]") {
  auto signature = sign(Method::rsa_sha1, auth_vector("oauth1", "rsa-sha1-testcase.base"), "",
                        auth_vector("oauth1", "rsa-sha1-testcase.pem"));
  REQUIRE(signature);
  CHECK(signature.value() ==
        "jvTp/wX1TYtByB1m+Pbyo0lnCOLIsyGCH7wke8AUs3BpnwZJtAuEJkvQL2/9n4s5wUmUl4aCI4BwpraNx4RtEXMe"
        "5qg5T1LVTGliMRpKasKsW//e+RinhejgCuzoH26dyF8iY2ZZ/5D1ilgeijhV/vBka5twt399mXwaYdCwFYE=");
}

TEST_CASE("oauth1 RSA-SHA256 and -SHA512 sign with the same key, deterministically",
          "[auth][oauth1]") {
  // PKCS#1 v1.5 is deterministic, so each digest gives one fixed 1024-bit signature; the
  // oauthlib round trip (tests/runtime/requester/oauth1_roundtrip_test.cpp) verifies them.
  const std::string pem = auth_vector("oauth1", "rsa-sha1-testcase.pem");
  for (Method method : {Method::rsa_sha256, Method::rsa_sha512}) {
    auto first = sign(method, "base", "", pem);
    auto second = sign(method, "base", "", pem);
    REQUIRE(first);
    REQUIRE(second);
    CHECK(first.value() == second.value());
    CHECK(first.value().size() == 172);  // base64 of 128 bytes
  }
  CHECK(sign(Method::rsa_sha256, "base", "", pem).value() !=
        sign(Method::rsa_sha512, "base", "", pem).value());
}

TEST_CASE("oauth1 PLAINTEXT is the signing key (OAuth Core 1.0 appendix A.2)", "[auth][oauth1]") {
  auto signature = sign(Method::plaintext, "ignored", signing_key("kd94hf93k423kf44", ""), "");
  REQUIRE(signature);
  CHECK(signature.value() == "kd94hf93k423kf44&");
  // Secrets are encoded before they are joined (RFC 5849 section 3.4.4).
  CHECK(signing_key("a&b", "c d") == "a%26b&c%20d");
}

TEST_CASE("oauth1 HMAC-SHA256 and -SHA512 follow RFC 2104 over the base string", "[auth][oauth1]") {
  auto sha256 = sign(Method::hmac_sha256, "what do ya want for nothing?", "Jefe", "");
  REQUIRE(sha256);
  // RFC 4231 test case 2, base64 of 5bdcc146...3843.
  CHECK(sha256.value() == "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");
  auto sha512 = sign(Method::hmac_sha512, "what do ya want for nothing?", "Jefe", "");
  REQUIRE(sha512);
  CHECK(
      sha512.value().starts_with("Fkt6e/z4GeLjlfvnO1bgo4e9ZCIugx/WECcM1+olBVSXWL91wFqZSm0DT2X48"));
}

TEST_CASE("oauth1 refuses a key that is not a PEM RSA key, without quoting it", "[auth][oauth1]") {
  auto bad = sign(Method::rsa_sha1, "base", "", "-----BEGIN PRIVATE KEY-----\nsecretbytes\n");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message.find("privateKey") != std::string::npos);
  CHECK(bad.error().message.find("secretbytes") == std::string::npos);
}

TEST_CASE("oauth1 method names, digests and the body hash", "[auth][oauth1]") {
  CHECK(parse_method("hmac-sha256") == Method::hmac_sha256);
  CHECK(parse_method("RSA-SHA512") == Method::rsa_sha512);
  CHECK_FALSE(parse_method("HMAC-MD5"));
  CHECK(method_name(Method::plaintext) == "PLAINTEXT");
  CHECK_FALSE(method_digest(Method::plaintext));
  CHECK(method_digest(Method::rsa_sha1) == HashAlgorithm::sha1);
  // The body hash draft's example: SHA-1 of "Hello World!".
  CHECK(body_hash(HashAlgorithm::sha1, "Hello World!") == "Lve95gjOVATpfV8EL5X4nxwjKHE=");
}

TEST_CASE("oauth1 writes the Authorization header of RFC 5849 section 3.5.1", "[auth][oauth1]") {
  Parameters oauth = {{"oauth_consumer_key", "key"}, {"oauth_signature", "a+b/c="}};
  CHECK(authorization_header("Photos", oauth, true) ==
        "OAuth realm=\"Photos\",oauth_consumer_key=\"key\",oauth_signature=\"a%2Bb%2Fc%3D\"");
  CHECK(authorization_header("", oauth, false) ==
        "OAuth oauth_consumer_key=\"key\",oauth_signature=\"a+b/c=\"");
  CHECK(encode_pairs(oauth) == "oauth_consumer_key=key&oauth_signature=a%2Bb%2Fc%3D");
}

TEST_CASE("oauth1 recognises form bodies by their media type", "[auth][oauth1]") {
  HttpRequest request{"POST",
                      "http://h/",
                      {{"content-type", "Application/X-WWW-Form-Urlencoded; charset=utf-8"}},
                      ""};
  CHECK(has_form_body(request));
  request.headers = {{"Content-Type", "application/json"}};
  CHECK_FALSE(has_form_body(request));
  request.headers.clear();
  CHECK_FALSE(has_form_body(request));
}
