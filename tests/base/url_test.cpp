#include "base/url.hpp"

#include <catch2/catch.hpp>

using postern::base::authority_of;
using postern::base::parse_url;
using postern::base::redact_credentials;

TEST_CASE("parse_url splits scheme, host and port, with the scheme's default port") {
  auto plain = parse_url("HTTP://Example.COM/path?q=1#f");
  REQUIRE(plain);
  CHECK(plain.value().scheme == "http");
  CHECK(plain.value().host == "example.com");
  CHECK(plain.value().port == 80);
  CHECK(authority_of(plain.value()) == "example.com:80");

  auto tls = parse_url("https://user:secret@api.example.com:8443");
  REQUIRE(tls);
  CHECK(tls.value().host == "api.example.com");
  CHECK(tls.value().port == 8443);

  auto query_only = parse_url("https://example.com?x=@other");
  REQUIRE(query_only);
  CHECK(query_only.value().host == "example.com");  // an @ in the query is not userinfo
}

TEST_CASE("parse_url takes bracketed IPv6 literals") {
  auto v6 = parse_url("http://[::1]:5555/");
  REQUIRE(v6);
  CHECK(v6.value().host == "::1");
  CHECK(v6.value().ipv6);
  CHECK(v6.value().port == 5555);
  CHECK(authority_of(v6.value()) == "[::1]:5555");
}

TEST_CASE("parse_url refuses what is not an absolute URL, saying why") {
  for (const char* bad : {"example.com", "://example.com", "http://", "http://:80/",
                          "http://host:0/", "http://host:65536/", "http://host:8o/", "http://[::1/",
                          "http://[::1]x/", "http://ex ample.com/", "1http://h/", "http://[zz]/"}) {
    INFO(bad);
    auto parsed = parse_url(bad);
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().message.find("not a usable URL") != std::string::npos);
    CHECK_FALSE(parsed.error().remedy.empty());
  }
}

TEST_CASE("parse_url gives the user info apart, percent-decoded, and routes on the host") {
  auto parts = postern::base::parse_url("http://us%65r:p%40ss:word@proxy.test:3128/");
  REQUIRE(parts);
  CHECK(parts.value().host == "proxy.test");
  CHECK(parts.value().port == 3128);
  CHECK(parts.value().username == "user");
  CHECK(parts.value().password == "p@ss:word");  // only the first ':' splits
  auto bare = postern::base::parse_url("http://only@h.test");
  REQUIRE(bare);
  CHECK(bare.value().username == "only");
  CHECK(bare.value().password.empty());
  CHECK(postern::base::parse_url("http://a%zz@h.test").value().username == "a%zz");  // kept
  CHECK(postern::base::parse_url("http://h.test").value().username.empty());
}

TEST_CASE("percent_decode and form_decode keep malformed escapes; only forms read '+' as space") {
  CHECK(postern::base::form_decode("a%2Fb+c") == "a/b c");
  CHECK(postern::base::percent_decode("a%2Fb+c") == "a/b+c");
  CHECK(postern::base::form_decode("100%") == "100%");
  CHECK(postern::base::form_decode("%zz%4") == "%zz%4");
}

TEST_CASE("passwords in proxy URLs are redacted for display") {
  CHECK(redact_credentials("http://alice:s3cret@proxy:3128") == "http://alice:***@proxy:3128");
  CHECK(redact_credentials("http://alice@proxy:3128") == "http://alice@proxy:3128");
  CHECK(redact_credentials("http://proxy:3128/a@b") == "http://proxy:3128/a@b");
  CHECK(redact_credentials("alice:pw@proxy:1") == "alice:***@proxy:1");
}
