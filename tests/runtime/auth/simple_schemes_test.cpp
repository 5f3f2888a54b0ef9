// noauth, apikey, bearer, basic and the OAuth 2.0 token: what each adds to a request.
#include <catch2/catch.hpp>

#include "runtime/auth/scheme_registry.hpp"

using namespace postern::auth;

namespace {

HttpRequest apply(std::string_view type, const AuthParams& params,
                  std::string url = "https://api.example.com/v1?x=1") {
  auto scheme = make_auth_scheme(type, params, system_context());
  REQUIRE(scheme);
  HttpRequest request{"GET", std::move(url), {{"Accept", "*/*"}}, ""};
  REQUIRE(scheme.value()->create_response(request));
  return request;
}

}  // namespace

TEST_CASE("basic uses RFC 7617's example and refuses a colon in the user", "[auth][basic]") {
  auto request = apply("basic", {{"username", "Aladdin"}, {"password", "open sesame"}});
  CHECK(find_header(request.headers, "authorization") == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  auto colon = make_auth_scheme("basic", {{"username", "a:b"}}, system_context());
  REQUIRE_FALSE(colon);
  CHECK(colon.error().message.find("username") != std::string::npos);
}

TEST_CASE("bearer replaces a caller's Authorization header", "[auth][bearer]") {
  auto scheme = make_auth_scheme("bearer", {{"token", "t0k"}}, system_context());
  REQUIRE(scheme);
  HttpRequest request{"GET", "http://h/", {{"authorization", "old"}, {"X", "1"}}, ""};
  REQUIRE(scheme.value()->create_response(request));
  CHECK(all_headers(request.headers, "Authorization") == std::vector<std::string>{"Bearer t0k"});
  CHECK_FALSE(make_auth_scheme("bearer", {}, system_context()));
}

TEST_CASE("apikey goes to a header by default, or to the query encoded", "[auth][apikey]") {
  auto header = apply("apikey", {{"key", "X-Api-Key"}, {"value", "s3cret"}});
  CHECK(find_header(header.headers, "X-Api-Key") == "s3cret");
  CHECK(header.url == "https://api.example.com/v1?x=1");
  auto query = apply("apikey", {{"key", "api key"}, {"value", "a&b"}, {"in", "query"}});
  CHECK(query.url == "https://api.example.com/v1?x=1&api%20key=a%26b");
  CHECK_FALSE(make_auth_scheme("apikey", {{"key", "k"}, {"in", "cookie"}}, system_context()));
}

TEST_CASE("oauth2 puts the token in the header with its prefix or in the URL", "[auth][oauth2]") {
  CHECK(find_header(apply("oauth2", {{"accessToken", "abc"}}).headers, "Authorization") ==
        "Bearer abc");
  CHECK(find_header(apply("oauth2", {{"accessToken", "abc"}, {"headerPrefix", "MAC"}}).headers,
                    "Authorization") == "MAC abc");
  CHECK(find_header(apply("oauth2", {{"accessToken", "abc"}, {"headerPrefix", ""}}).headers,
                    "Authorization") == "abc");
  auto in_url = apply("oauth2", {{"accessToken", "a+b"}, {"addTokenTo", "queryParams"}});
  CHECK(in_url.url == "https://api.example.com/v1?x=1&access_token=a%2Bb");
  CHECK_FALSE(find_header(in_url.headers, "Authorization"));
}

TEST_CASE("noauth leaves the request alone", "[auth][noauth]") {
  auto request = apply("noauth", {});
  CHECK(request.headers.size() == 1);
  CHECK(request.url == "https://api.example.com/v1?x=1");
}
