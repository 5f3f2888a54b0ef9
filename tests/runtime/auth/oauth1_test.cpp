// The oauth1 scheme as a whole: the published vectors through make_oauth1, and where Postman puts
// the parameters (header, form body, query) and which ones it signs.
#include <catch2/catch.hpp>

#include "auth_vectors.hpp"
#include "runtime/auth/crypto.hpp"
#include "runtime/auth/request_target.hpp"
#include "runtime/auth/scheme_registry.hpp"

using namespace postern::auth;
using postern::testing::auth_vector;

namespace {

AuthContext pinned(std::int64_t now = 1191242096) {
  return AuthContext{[now] { return now; }, [](std::size_t n) { return std::string(n, '\x01'); }};
}

HttpRequest sign(const AuthParams& params, HttpRequest request, AuthContext context = pinned()) {
  auto scheme = make_auth_scheme("oauth1", params, context);
  REQUIRE(scheme);
  REQUIRE(scheme.value()->create_response(request));
  return request;
}

AuthParams photos_params() {
  return {{"consumerKey", "dpf43f3p2l4k3l03"}, {"consumerSecret", "kd94hf93k423kf44"},
          {"token", "nnch734d00sl2jdk"},       {"tokenSecret", "pfkkdhi9sl3r4s00"},
          {"signatureMethod", "HMAC-SHA1"},    {"timestamp", "1191242096"},
          {"nonce", "kllo9940pd9333jh"},       {"version", "1.0"}};
}

const std::string kPhotos = "http://photos.example.net/photos?file=vacation.jpg&size=original";

}  // namespace

TEST_CASE("oauth1 signs OAuth Core 1.0 appendix A.5 into the header", "[auth][oauth1]") {
  auto request = sign(photos_params(), {"GET", kPhotos, {}, ""});
  CHECK(find_header(request.headers, "Authorization") ==
        "OAuth oauth_consumer_key=\"dpf43f3p2l4k3l03\",oauth_token=\"nnch734d00sl2jdk\","
        "oauth_signature_method=\"HMAC-SHA1\",oauth_timestamp=\"1191242096\","
        "oauth_nonce=\"kllo9940pd9333jh\",oauth_version=\"1.0\","
        "oauth_signature=\"tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D\"");
  CHECK(request.url == kPhotos);
}

TEST_CASE("oauth1 puts the parameters in the query of a GET when not in the header",
          "[auth][oauth1]") {
  auto params = photos_params();
  params.set("addParamsToHeader", "false");
  auto request = sign(params, {"GET", kPhotos, {}, ""});
  CHECK_FALSE(find_header(request.headers, "Authorization"));
  CHECK(request.url ==
        kPhotos +
            "&oauth_consumer_key=dpf43f3p2l4k3l03&oauth_token=nnch734d00sl2jdk&oauth_signature_"
            "method=HMAC-SHA1&oauth_timestamp=1191242096&oauth_nonce=kllo9940pd9333jh&oauth_"
            "version=1.0&oauth_signature=tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D");
  // Signing again replaces the earlier parameters rather than signing them.
  auto scheme = make_auth_scheme("oauth1", params, pinned());
  REQUIRE(scheme);
  auto again = request;
  REQUIRE(scheme.value()->create_response(again));
  CHECK(again.url == request.url);
}

TEST_CASE("oauth1 signs Twitter's documented example, form body included", "[auth][oauth1]") {
  AuthParams params = {{"consumerKey", "xvz1evFS4wEEPTGEFPHBog"},
                       {"consumerSecret", "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw"},
                       {"token", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb"},
                       {"tokenSecret", "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE"},
                       {"nonce", "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg"},
                       {"timestamp", "1318622958"}};
  const HttpRequest tweet{
      "POST",
      "https://api.twitter.com/1.1/statuses/update.json?include_entities=true",
      {{"Content-Type", "application/x-www-form-urlencoded"}},
      "status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21"};
  auto in_header = sign(params, tweet);
  CHECK(find_header(in_header.headers, "Authorization")
            ->find(",oauth_signature=\"hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D\"") != std::string::npos);
  CHECK(in_header.body == tweet.body);

  // Not in the header: a form POST carries them in its body (RFC 5849 section 3.5.2).
  params.set("addParamsToHeader", "false");
  auto in_body = sign(params, tweet);
  CHECK(in_body.url == tweet.url);
  CHECK(in_body.body.starts_with(tweet.body + "&oauth_consumer_key=xvz1evFS4wEEPTGEFPHBog&"));
  CHECK(in_body.body.ends_with("&oauth_signature=hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D"));
}

TEST_CASE("oauth1 signs the OAuth wiki's RSA-SHA1 case into the header", "[auth][oauth1]") {
  auto request =
      sign({{"consumerKey", "dpf43f3p2l4k3l03"},
            {"signatureMethod", "RSA-SHA1"},
            {"privateKey", auth_vector("oauth1", "rsa-sha1-testcase.pem")},
            {"timestamp", "1196666512"},
            {"nonce", "13917289812797014437"}},
           {"GET", "http://photos.example.net/photos?file=vacaction.jpg&size=original", {}, ""});
  auto header = find_header(request.headers, "Authorization");
  REQUIRE(header);
  CHECK(header->find("oauth_token") == std::string::npos);
  CHECK(header->find(
            "oauth_signature=\"jvTp%2FwX1TYtByB1m%2BPbyo0lnCOLIsyGCH7wke8AUs3BpnwZJtAuEJkvQL2%2F9n4"
            "s5wUmUl4aCI4BwpraNx4RtEXMe5qg5T1LVTGliMRpKasKsW%2F%2Fe%2BRinhejgCuzoH26dyF8iY2ZZ%2F5D1"
            "ilgeijhV%2FvBka5twt399mXwaYdCwFYE%3D\"") != std::string::npos);
}

TEST_CASE("oauth1 PLAINTEXT sends the key (OAuth Core 1.0 appendix A.2)", "[auth][oauth1]") {
  auto request = sign({{"consumerKey", "dpf43f3p2l4k3l03"},
                       {"consumerSecret", "kd94hf93k423kf44"},
                       {"signatureMethod", "PLAINTEXT"},
                       {"timestamp", "1191242090"},
                       {"nonce", "hsu94j3884jdopsl"},
                       {"realm", "Photos"}},
                      {"POST", "https://photos.example.net/request_token", {}, ""});
  CHECK(find_header(request.headers, "Authorization") ==
        "OAuth realm=\"Photos\",oauth_consumer_key=\"dpf43f3p2l4k3l03\","
        "oauth_signature_method=\"PLAINTEXT\",oauth_timestamp=\"1191242090\","
        "oauth_nonce=\"hsu94j3884jdopsl\",oauth_version=\"1.0\","
        "oauth_signature=\"kd94hf93k423kf44%26\"");
}

TEST_CASE("oauth1 adds a body hash for non-form bodies only", "[auth][oauth1]") {
  auto params = photos_params();
  params.set("includeBodyHash", "true");
  const HttpRequest json{"POST", "http://h/p", {{"Content-Type", "application/json"}}, "{\"a\":1}"};
  auto sha1 = sign(params, json);
  CHECK(find_header(sha1.headers, "Authorization")
            ->find("oauth_body_hash=\"" +
                   percent_encode(base64_encode(hash(HashAlgorithm::sha1, json.body))) + "\"") !=
        std::string::npos);
  params.set("signatureMethod", "HMAC-SHA512");
  auto sha512 = sign(params, json);
  CHECK(find_header(sha512.headers, "Authorization")
            ->find(percent_encode(base64_encode(hash(HashAlgorithm::sha512, json.body)))) !=
        std::string::npos);
  // A form body is signed parameter by parameter; PLAINTEXT has no digest to hash with.
  auto form =
      sign(params,
           {"POST", "http://h/p", {{"Content-Type", "application/x-www-form-urlencoded"}}, "a=1"});
  CHECK(find_header(form.headers, "Authorization")->find("oauth_body_hash") == std::string::npos);
  params.set("signatureMethod", "PLAINTEXT");
  auto plain = sign(params, json);
  CHECK(find_header(plain.headers, "Authorization")->find("oauth_body_hash") == std::string::npos);
}

TEST_CASE("oauth1 leaves empty parameters out unless addEmptyParamsToSign", "[auth][oauth1]") {
  AuthParams params = {{"consumerKey", "ck"}, {"consumerSecret", "cs"}, {"version", ""}};
  auto without = sign(params, {"GET", "http://h/", {}, ""});
  CHECK(find_header(without.headers, "Authorization")->find("oauth_token") == std::string::npos);
  CHECK(find_header(without.headers, "Authorization")->find("oauth_version") == std::string::npos);
  params.set("addEmptyParamsToSign", "true");
  auto with = sign(params, {"GET", "http://h/", {}, ""});
  CHECK(find_header(with.headers, "Authorization")->find("oauth_token=\"\"") != std::string::npos);
  CHECK(find_header(with.headers, "Authorization")->find("oauth_version=\"\"") !=
        std::string::npos);
  // The extensions never go in empty: servers without them reject the parameter.
  CHECK(find_header(with.headers, "Authorization")->find("oauth_callback") == std::string::npos);
}

TEST_CASE("oauth1 carries callback and verifier, and can leave the header unencoded",
          "[auth][oauth1]") {
  auto params = photos_params();
  params.set("callback", "http://printer.example.com/ready");
  params.set("verifier", "hfdp7dh39dks9884");
  auto encoded = sign(params, {"GET", kPhotos, {}, ""});
  auto header = *find_header(encoded.headers, "Authorization");
  CHECK(header.find("oauth_callback=\"http%3A%2F%2Fprinter.example.com%2Fready\"") !=
        std::string::npos);
  CHECK(header.find("oauth_verifier=\"hfdp7dh39dks9884\"") != std::string::npos);
  params.set("disableHeaderEncoding", "true");
  auto raw = sign(params, {"GET", kPhotos, {}, ""});
  CHECK(find_header(raw.headers, "Authorization")
            ->find("oauth_callback=\"http://printer.example.com/ready\"") != std::string::npos);
}

TEST_CASE("oauth1 makes its own nonce and timestamp from the context", "[auth][oauth1]") {
  auto request = sign({{"consumerKey", "ck"}, {"consumerSecret", "cs"}},
                      {"GET", "http://h/", {}, ""}, pinned(1700000000));
  auto header = *find_header(request.headers, "Authorization");
  CHECK(header.find("oauth_timestamp=\"1700000000\"") != std::string::npos);
  CHECK(header.find("oauth_nonce=\"BBBBBBBBBBB\"") != std::string::npos);  // 11 of byte 1
}

TEST_CASE("oauth1 refuses missing or bad parameters without echoing secrets", "[auth][oauth1]") {
  auto no_key = make_auth_scheme("oauth1", {{"consumerSecret", "s3cr3t"}}, system_context());
  REQUIRE_FALSE(no_key);
  CHECK(no_key.error().message.find("consumerKey") != std::string::npos);
  auto no_secret = make_auth_scheme("oauth1", {{"consumerKey", "ck"}}, system_context());
  REQUIRE_FALSE(no_secret);
  CHECK(no_secret.error().message.find("consumerSecret") != std::string::npos);
  auto bad_method = make_auth_scheme(
      "oauth1", {{"consumerKey", "ck"}, {"consumerSecret", "s3cr3t"}, {"signatureMethod", "MD5"}},
      system_context());
  REQUIRE_FALSE(bad_method);
  CHECK(bad_method.error().message.find("signatureMethod") != std::string::npos);
  auto no_private_key = make_auth_scheme(
      "oauth1", {{"consumerKey", "ck"}, {"signatureMethod", "RSA-SHA256"}}, system_context());
  REQUIRE_FALSE(no_private_key);
  CHECK(no_private_key.error().message.find("privateKey") != std::string::npos);
  auto bad_private_key = make_auth_scheme("oauth1",
                                          {{"consumerKey", "ck"},
                                           {"signatureMethod", "RSA-SHA256"},
                                           {"privateKey", "not-a-key-s3cr3t"}},
                                          system_context());
  REQUIRE_FALSE(bad_private_key);
  CHECK(bad_private_key.error().message.find("s3cr3t") == std::string::npos);
}
