#include "runtime/cookies/domain_match.hpp"

#include <catch2/catch.hpp>

using namespace postern::cookies;

TEST_CASE("canonical hosts: lower case, IPv6 without brackets, non-ASCII kept") {
  CHECK(canonical_host("WWW.Example.COM") == "www.example.com");
  CHECK(canonical_host("[::1]") == "::1");
  CHECK(canonical_host("\xC3\x84.example") == "\xC3\x84.example");
}

TEST_CASE("IP addresses are recognised") {
  CHECK(is_ip_address("127.0.0.1"));
  CHECK(is_ip_address("192.168.1.255"));
  CHECK(is_ip_address("::1"));
  CHECK(is_ip_address("[2001:db8::1]"));
  CHECK_FALSE(is_ip_address("256.1.1.1"));
  CHECK_FALSE(is_ip_address("1.2.3"));
  CHECK_FALSE(is_ip_address("1.2.3.4.5"));
  CHECK_FALSE(is_ip_address("1.2.3.com"));
  CHECK_FALSE(is_ip_address("example.com"));
  CHECK_FALSE(is_ip_address(""));
}

TEST_CASE("host text: the characters a cookie domain may have") {
  CHECK(is_host_text("www.Example-1_a~b.com"));
  CHECK(is_host_text("::1"));
  CHECK(is_host_text("\xC3\xA9xample.com"));
  CHECK_FALSE(is_host_text("ex ample.com"));
  CHECK_FALSE(is_host_text("#example.com"));
  CHECK_FALSE(is_host_text("a\tb"));
  CHECK_FALSE(is_host_text("a;b"));
  CHECK_FALSE(is_host_text("a/b"));
}

TEST_CASE("domain-match (RFC 6265 §5.1.3)") {
  CHECK(domain_match("example.com", "example.com"));
  CHECK(domain_match("www.example.com", "example.com"));
  CHECK(domain_match("a.b.example.com", "example.com"));
  CHECK_FALSE(domain_match("example.com", "www.example.com"));
  CHECK_FALSE(domain_match("badexample.com", "example.com"));  // not after a '.'
  CHECK_FALSE(domain_match("example.com", ""));
  CHECK_FALSE(domain_match("example.com", "com."));
  // IP addresses only match themselves: 1.2.3.4 is not "inside" 2.3.4.
  CHECK(domain_match("1.2.3.4", "1.2.3.4"));
  CHECK_FALSE(domain_match("1.2.3.4", "2.3.4"));
  CHECK_FALSE(domain_match("1.2.3.4", "3.4"));
}

TEST_CASE("loopback hosts count as secure contexts") {
  CHECK(is_loopback_host("localhost"));
  CHECK(is_loopback_host("app.localhost"));
  CHECK(is_loopback_host("127.0.0.1"));
  CHECK(is_loopback_host("127.1.2.3"));
  CHECK(is_loopback_host("::1"));
  CHECK(is_loopback_host("[::1]"));
  CHECK_FALSE(is_loopback_host("localhost.example.com"));
  CHECK_FALSE(is_loopback_host("127.example.com"));
  CHECK_FALSE(is_loopback_host("10.0.0.1"));
}
