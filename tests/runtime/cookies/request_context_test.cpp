#include "runtime/cookies/request_context.hpp"

#include <catch2/catch.hpp>

using namespace postern::cookies;

TEST_CASE("a URL gives scheme, canonical host and path without query or fragment") {
  auto context = request_context_from_url("HTTPS://WWW.Example.com:8443/Docs/page?q=1#top");
  REQUIRE(context);
  CHECK(context.value().scheme == "https");
  CHECK(context.value().host == "www.example.com");
  CHECK(context.value().path == "/Docs/page");
  CHECK(context.value().site == SiteContext::unknown);
  CHECK(context.value().http_api);
}

TEST_CASE("a URL without a path has the path /") {
  for (const char* url : {"http://example.com", "http://example.com?x=/y", "http://example.com#/a",
                          "http://user:pw@example.com"}) {
    auto context = request_context_from_url(url);
    REQUIRE(context);
    CHECK(context.value().path == "/");
    CHECK(context.value().host == "example.com");
  }
}

TEST_CASE("IPv6 hosts lose their brackets") {
  auto context = request_context_from_url("http://[::1]:5555/x");
  REQUIRE(context);
  CHECK(context.value().host == "::1");
  CHECK(context.value().path == "/x");
}

TEST_CASE("URLs that cannot be used are errors") {
  CHECK_FALSE(request_context_from_url("example.com/path"));
  CHECK_FALSE(request_context_from_url("http:///path"));
}

TEST_CASE("secure contexts: https, wss and loopback") {
  RequestContext context;
  context.host = "example.com";
  context.scheme = "https";
  CHECK(context.secure());
  context.scheme = "wss";
  CHECK(context.secure());
  context.scheme = "http";
  CHECK_FALSE(context.secure());
  context.host = "localhost";
  CHECK(context.secure());
  context.host = "127.0.0.1";
  CHECK(context.secure());
}
