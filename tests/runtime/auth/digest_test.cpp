#include "runtime/auth/digest.hpp"

#include <catch2/catch.hpp>

#include "runtime/auth/errc.hpp"
#include "runtime/auth/scheme_registry.hpp"

using namespace postern::auth;
using postern::auth::detail::DigestInputs;

namespace {

// RFC 7616 §3.9.1: one request, answered with a SHA-256 and an MD5 challenge.
constexpr const char* kRfc7616Nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
constexpr const char* kRfc7616Cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
constexpr const char* kRfc7616Opaque = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";

DigestInputs rfc7616_inputs(const char* algorithm) {
  DigestInputs in;
  in.algorithm = *digest_algorithm(algorithm);
  in.username = "Mufasa";
  in.password = "Circle of Life";
  in.realm = "http-auth@example.org";
  in.nonce = kRfc7616Nonce;
  in.cnonce = kRfc7616Cnonce;
  in.nc = "00000001";
  in.qop = "auth";
  in.method = "GET";
  in.uri = "/dir/index.html";
  return in;
}

ResponseHead rfc7616_challenge(std::string extra = "") {
  std::string common = "realm=\"http-auth@example.org\", qop=\"auth, auth-int\", nonce=\"" +
                       std::string(kRfc7616Nonce) + "\", opaque=\"" + kRfc7616Opaque + "\"" + extra;
  return ResponseHead{401,
                      {{"WWW-Authenticate", "Digest " + common + ", algorithm=SHA-256"},
                       {"WWW-Authenticate", "Digest " + common + ", algorithm=MD5"}}};
}

AuthContext pinned_context() {
  return AuthContext{[] { return std::int64_t{0}; },
                     [](std::size_t n) { return std::string(n, '\x5a'); }};
}

std::unique_ptr<AuthScheme> make(AuthParams params) {
  auto scheme = make_auth_scheme("digest", params, pinned_context());
  REQUIRE(scheme);
  return std::move(scheme).value();
}

HttpRequest request_for(std::string url = "http://www.example.org/dir/index.html") {
  return HttpRequest{"GET", std::move(url), {}, ""};
}

// Our Authorization value has the syntax of a challenge, so challenge.hpp reads it back.
Challenge authorization_of(const HttpRequest& request) {
  auto value = find_header(request.headers, "Authorization");
  REQUIRE(value);
  auto parsed = parse_challenges(*value);
  REQUIRE(parsed);
  REQUIRE(parsed.value().size() == 1);
  return parsed.value().front();
}

}  // namespace

TEST_CASE("digest computes RFC 7616 §3.9.1's SHA-256 and MD5 responses", "[auth][digest]") {
  CHECK(detail::digest_response(rfc7616_inputs("SHA-256")) ==
        "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
  CHECK(detail::digest_response(rfc7616_inputs("MD5")) == "8ca523f5e9506fed4657c9700eebdbec");
}

TEST_CASE("digest computes RFC 2617 §3.5's response", "[auth][digest]") {
  DigestInputs in;
  in.algorithm = *digest_algorithm("MD5");
  in.username = "Mufasa";
  in.password = "Circle Of Life";
  in.realm = "testrealm@host.com";
  in.nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093";
  in.cnonce = "0a4f113b";
  in.nc = "00000001";
  in.qop = "auth";
  in.method = "GET";
  in.uri = "/dir/index.html";
  CHECK(detail::digest_response(in) == "6629fae49393a05397450978507c4ef1");
}

TEST_CASE("digest hashes the user name as RFC 7616 §3.9.2 with erratum 4897", "[auth][digest]") {
  // The RFC's own username hash and response came from a draft SHA-512/256; erratum 4897 gives
  // the values of the finished standard, which OpenSSL implements.
  DigestInputs in;
  in.algorithm = *digest_algorithm("SHA-512-256");
  in.username = "J\xc3\xa4s\xc3\xb8n Doe";
  in.password = "Secret, or not?";
  in.realm = "api@example.org";
  in.nonce = "5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK";
  in.cnonce = "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v";
  in.nc = "00000001";
  in.qop = "auth";
  in.method = "GET";
  in.uri = "/doe.json";
  CHECK(detail::digest_username(in, true) ==
        "793263caabb707a56211940d90411ea4a575adeccb7e360aeb624ed06ece9b0b");
  CHECK(detail::digest_username(in, false) == in.username);
  CHECK(detail::digest_response(in) ==
        "3798d4131c277846293534c3edc11bd8a5e4cdcbff78b05db9d95eeb1cec68a5");
  std::string header = detail::digest_authorization(
      in, std::string("HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS"), true);
  CHECK(header.find("username=\"793263caabb707a5") != std::string::npos);
  CHECK(header.ends_with(", userhash=true"));
}

TEST_CASE("digest -sess and auth-int follow RFC 7616's A1 and A2", "[auth][digest]") {
  auto in = rfc7616_inputs("SHA-256-sess");
  std::string secret =
      detail::digest_h(in.algorithm, "Mufasa:http-auth@example.org:Circle of Life");
  CHECK(detail::digest_ha1(in) ==
        detail::digest_h(in.algorithm,
                         secret + ":" + kRfc7616Nonce + ":" + std::string(kRfc7616Cnonce)));
  in.qop = "auth-int";
  in.body = "hello";
  CHECK(detail::digest_ha2(in) ==
        detail::digest_h(in.algorithm,
                         "GET:/dir/index.html:" + detail::digest_h(in.algorithm, "hello")));
  // RFC 2069 (no qop): neither nc nor cnonce in the response; -sess still sends its cnonce.
  auto old = rfc7616_inputs("MD5");
  old.qop.clear();
  CHECK(detail::digest_response(old) ==
        detail::digest_h(old.algorithm, detail::digest_ha1(old) + ":" + kRfc7616Nonce + ":" +
                                            detail::digest_ha2(old)));
  std::string header = detail::digest_authorization(old, std::nullopt, false);
  CHECK(header.find("nc=") == std::string::npos);
  CHECK(header.find("cnonce=") == std::string::npos);
  old.algorithm = *digest_algorithm("MD5-sess");
  CHECK(detail::digest_authorization(old, std::nullopt, false).find("cnonce=") !=
        std::string::npos);
}

TEST_CASE("digest nonce counts are eight hex digits", "[auth][digest]") {
  CHECK(detail::format_nonce_count(1) == "00000001");
  CHECK(detail::format_nonce_count(0x1a2b) == "00001a2b");
  CHECK(detail::format_nonce_count(0xffffffff) == "ffffffff");
}

TEST_CASE("digest sends nothing first, then answers the RFC 7616 challenge", "[auth][digest]") {
  auto scheme = make(
      {{"username", "Mufasa"}, {"password", "Circle of Life"}, {"clientNonce", kRfc7616Cnonce}});
  CHECK_FALSE(scheme->complete_without_server());
  auto first = request_for();
  REQUIRE(scheme->create_response(first));
  CHECK_FALSE(find_header(first.headers, "Authorization"));
  auto answer = scheme->decode_challenge(first, rfc7616_challenge());
  REQUIRE(answer);
  CHECK(answer.value() == ChallengeAnswer::retry);
  CHECK(scheme->complete_without_server());

  auto second = request_for();
  REQUIRE(scheme->create_response(second));
  auto sent = authorization_of(second);
  CHECK(sent.scheme == "Digest");
  CHECK(sent.param("username") == "Mufasa");
  CHECK(sent.param("realm") == "http-auth@example.org");
  CHECK(sent.param("uri") == "/dir/index.html");
  CHECK(sent.param("algorithm") == "SHA-256");  // the server's first choice
  CHECK(sent.param("nonce") == kRfc7616Nonce);
  CHECK(sent.param("nc") == "00000001");
  CHECK(sent.param("cnonce") == kRfc7616Cnonce);
  CHECK(sent.param("qop") == "auth");  // auth when both are offered
  CHECK(sent.param("response") ==
        "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
  CHECK(sent.param("opaque") == kRfc7616Opaque);
  CHECK_FALSE(sent.param("userhash"));
}

TEST_CASE("digest takes the user's algorithm among the offered ones", "[auth][digest]") {
  auto scheme = make({{"username", "Mufasa"},
                      {"password", "Circle of Life"},
                      {"algorithm", "MD5"},
                      {"cnonce", kRfc7616Cnonce}});
  auto first = request_for();
  REQUIRE(scheme->create_response(first));
  REQUIRE(scheme->decode_challenge(first, rfc7616_challenge()).value() == ChallengeAnswer::retry);
  auto second = request_for();
  REQUIRE(scheme->create_response(second));
  auto sent = authorization_of(second);
  CHECK(sent.param("algorithm") == "MD5");
  CHECK(sent.param("response") == "8ca523f5e9506fed4657c9700eebdbec");
}

TEST_CASE("digest counts requests per nonce and makes a cnonce", "[auth][digest]") {
  auto scheme = make({{"username", "u"}, {"password", "p"}});
  auto first = request_for();
  REQUIRE(scheme->create_response(first));
  REQUIRE(scheme->decode_challenge(first, rfc7616_challenge()));
  for (const char* nc : {"00000001", "00000002", "00000003"}) {
    auto request = request_for("http://www.example.org/dir/index.html?x=1");
    REQUIRE(scheme->create_response(request));
    auto sent = authorization_of(request);
    CHECK(sent.param("nc") == nc);
    CHECK(sent.param("uri") == "/dir/index.html?x=1");
    CHECK(sent.param("cnonce") == "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a");
  }
  scheme->reset();
  CHECK_FALSE(scheme->complete_without_server());
  auto after_reset = request_for();
  REQUIRE(scheme->create_response(after_reset));
  CHECK_FALSE(find_header(after_reset.headers, "Authorization"));
}

TEST_CASE("digest retries once on stale=true and stops on a refusal", "[auth][digest]") {
  auto scheme = make({{"username", "u"}, {"password", "p"}});
  auto first = request_for();
  REQUIRE(scheme->create_response(first));
  REQUIRE(scheme->decode_challenge(first, rfc7616_challenge()).value() == ChallengeAnswer::retry);
  auto second = request_for();
  REQUIRE(scheme->create_response(second));

  // The credentials were right but the nonce expired: once more with the new nonce.
  ResponseHead stale{401, {{"WWW-Authenticate", "Digest realm=\"r\", nonce=\"n2\", stale=true"}}};
  REQUIRE(scheme->decode_challenge(second, stale).value() == ChallengeAnswer::retry);
  auto third = request_for();
  REQUIRE(scheme->create_response(third));
  CHECK(authorization_of(third).param("nonce") == "n2");
  CHECK_FALSE(authorization_of(third).param("qop"));  // that challenge offers none (RFC 2069)
  // A fresh nonce called stale at once: the server is broken, do not loop.
  ResponseHead stale_again{401,
                           {{"WWW-Authenticate", "Digest realm=\"r\", nonce=\"n3\", stale=true"}}};
  CHECK(scheme->decode_challenge(third, stale_again).value() == ChallengeAnswer::done);
  // Without stale the credentials were refused: done.
  ResponseHead refused{401, {{"WWW-Authenticate", "Digest realm=\"r\", nonce=\"n4\""}}};
  CHECK(scheme->decode_challenge(third, refused).value() == ChallengeAnswer::done);
  // A nonce that served two requests expired later: worth a retry again.
  auto fourth = request_for();
  REQUIRE(scheme->create_response(fourth));
  CHECK(scheme->decode_challenge(fourth, stale_again).value() == ChallengeAnswer::retry);
}

TEST_CASE("digest with the advanced fields set signs the first request", "[auth][digest]") {
  auto scheme = make({{"username", "Mufasa"},
                      {"password", "Circle of Life"},
                      {"realm", "http-auth@example.org"},
                      {"nonce", kRfc7616Nonce},
                      {"algorithm", "SHA-256"},
                      {"qop", "auth"},
                      {"nonceCount", "00000001"},
                      {"clientNonce", kRfc7616Cnonce},
                      {"opaque", kRfc7616Opaque}});
  CHECK(scheme->complete_without_server());
  auto request = request_for();
  REQUIRE(scheme->create_response(request));
  auto sent = authorization_of(request);
  CHECK(sent.param("response") ==
        "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
  CHECK(sent.param("opaque") == kRfc7616Opaque);
  // The server's nonce replaces the user's once: the user's may be from an old session.
  auto answer = scheme->decode_challenge(
      request, ResponseHead{401, {{"WWW-Authenticate", "Digest realm=\"r\", nonce=\"fresh\""}}});
  CHECK(answer.value() == ChallengeAnswer::retry);
}

TEST_CASE("digest with disableRetryRequest leaves the 401 alone", "[auth][digest]") {
  auto scheme = make({{"username", "u"}, {"disableRetryRequest", "true"}});
  auto request = request_for();
  REQUIRE(scheme->create_response(request));
  CHECK(scheme->decode_challenge(request, rfc7616_challenge()).value() == ChallengeAnswer::done);
  CHECK_FALSE(scheme->complete_without_server());
}

TEST_CASE("digest answers only 401s that carry a Digest challenge", "[auth][digest]") {
  auto scheme = make({{"username", "u"}});
  auto request = request_for();
  CHECK(scheme->decode_challenge(request, ResponseHead{200, {}}).value() == ChallengeAnswer::done);
  CHECK(
      scheme->decode_challenge(request, ResponseHead{401, {{"WWW-Authenticate", "Basic realm=x"}}})
          .value() == ChallengeAnswer::done);
}

TEST_CASE("digest reports an algorithm or qop it cannot do", "[auth][digest]") {
  auto scheme = make({{"username", "u"}});
  auto request = request_for();
  auto sha1 = scheme->decode_challenge(
      request, ResponseHead{401, {{"WWW-Authenticate", "Digest nonce=\"n\", algorithm=SHA-1"}}});
  REQUIRE_FALSE(sha1);
  CHECK(sha1.error().code == errc::unsupported_challenge);
  auto conf = scheme->decode_challenge(
      request, ResponseHead{401, {{"WWW-Authenticate", "Digest nonce=\"n\", qop=\"auth-conf\""}}});
  REQUIRE_FALSE(conf);
  CHECK(conf.error().code == errc::unsupported_challenge);
  // One unusable challenge does not hide a usable one.
  auto mixed = scheme->decode_challenge(
      request, ResponseHead{401,
                            {{"WWW-Authenticate", "Digest nonce=\"n\", algorithm=SHA-1"},
                             {"WWW-Authenticate", "Digest nonce=\"m\", algorithm=MD5"}}});
  REQUIRE(mixed);
  CHECK(mixed.value() == ChallengeAnswer::retry);
}

TEST_CASE("digest uses auth-int when asked and hashes the body", "[auth][digest]") {
  auto scheme = make({{"username", "Mufasa"}, {"password", "Circle of Life"}, {"qop", "auth-int"}});
  auto request = request_for();
  REQUIRE(scheme->decode_challenge(request, rfc7616_challenge()));
  request.method = "POST";
  request.body = "payload";
  REQUIRE(scheme->create_response(request));
  auto sent = authorization_of(request);
  CHECK(sent.param("qop") == "auth-int");
  auto in = rfc7616_inputs("SHA-256");
  in.qop = "auth-int";
  in.method = "POST";
  in.body = "payload";
  in.cnonce = *sent.param("cnonce");
  CHECK(sent.param("response") == detail::digest_response(in));
  // auth-int asked for but not offered: an error that says so, not a silent downgrade.
  auto strict = make({{"username", "u"}, {"qop", "auth-int"}});
  auto refused = strict->decode_challenge(
      request, ResponseHead{401, {{"WWW-Authenticate", "Digest nonce=\"n\", qop=\"auth\""}}});
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == errc::unsupported_challenge);
}

TEST_CASE("digest answers userhash=true with a hashed user name", "[auth][digest]") {
  auto scheme = make({{"username", "Mufasa"}, {"password", "p"}});
  auto request = request_for();
  REQUIRE(scheme->decode_challenge(
      request, ResponseHead{401,
                            {{"WWW-Authenticate",
                              "Digest realm=\"r\", nonce=\"n\", qop=auth, algorithm=SHA-256, "
                              "userhash=true"}}}));
  REQUIRE(scheme->create_response(request));
  auto sent = authorization_of(request);
  CHECK(sent.param("userhash") == "true");
  CHECK(sent.param("username") == detail::digest_h(*digest_algorithm("SHA-256"), "Mufasa:r"));
}

TEST_CASE("digest validates its parameters and keeps secrets out of errors", "[auth][digest]") {
  auto none = make_auth_scheme("digest", {{"password", "hunter2"}}, pinned_context());
  REQUIRE_FALSE(none);
  CHECK(none.error().code == errc::missing_parameter);
  for (AuthParams bad :
       {AuthParams{{"username", "u"}, {"password", "hunter2"}, {"algorithm", "SHA-1"}},
        AuthParams{{"username", "u"}, {"password", "hunter2"}, {"qop", "auth-conf"}},
        AuthParams{{"username", "u"}, {"password", "hunter2"}, {"nonceCount", "xyz"}},
        AuthParams{{"username", "u"}, {"password", "hunter2"}, {"nonceCount", "0"}}}) {
    auto made = make_auth_scheme("digest", bad, pinned_context());
    REQUIRE_FALSE(made);
    CHECK(made.error().code == errc::bad_parameter);
    CHECK(made.error().message.find("hunter2") == std::string::npos);
  }
}

TEST_CASE("digest sends a user name with control characters as username*", "[auth][digest]") {
  auto in = rfc7616_inputs("MD5");
  in.username = "a\tb";
  CHECK(detail::digest_authorization(in, std::nullopt, false)
            .starts_with("Digest username*=UTF-8''a%09b, "));
  in.username = "a\"b";
  CHECK(detail::digest_authorization(in, std::nullopt, false)
            .starts_with("Digest username=\"a\\\"b\", "));
}
