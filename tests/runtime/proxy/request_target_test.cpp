#include "runtime/proxy/request_target.hpp"

#include <catch2/catch.hpp>

#include "runtime/proxy/errc.hpp"

using namespace postern::proxy;

namespace {

RequestTarget parsed(std::string_view method, std::string_view text) {
  RequestTarget target;
  auto error = parse_request_target(method, text, target);
  INFO(text);
  REQUIRE_FALSE(error);
  return target;
}

bool refused(std::string_view method, std::string_view text) {
  RequestTarget target;
  return parse_request_target(method, text, target) == errc::bad_target;
}

}  // namespace

TEST_CASE("origin-form", "[proxy][target]") {
  auto target = parsed("GET", "/search?q=a%20b&x=[1]");
  CHECK(target.form == TargetForm::origin);
  CHECK(target.path_and_query == "/search?q=a%20b&x=[1]");
  CHECK(target.text == target.path_and_query);
  CHECK(target.host.empty());
  CHECK(parsed("GET", "/").path_and_query == "/");
  CHECK(refused("GET", "/a#fragment"));
  CHECK(refused("GET", "/a\x7f"));
  CHECK(refused("GET", ""));
}

TEST_CASE("absolute-form, as a forward proxy receives it", "[proxy][target]") {
  auto target = parsed("GET", "HTTP://Example.COM/Path?Q");
  CHECK(target.form == TargetForm::absolute);
  CHECK(target.scheme == "http");
  CHECK(target.host == "example.com");
  CHECK(target.authority == "Example.COM");
  CHECK(target.port == 80);
  CHECK(target.path_and_query == "/Path?Q");
  CHECK(target.text == "HTTP://Example.COM/Path?Q");

  CHECK(parsed("GET", "http://a:8080").path_and_query == "/");
  CHECK(parsed("GET", "http://a:8080").port == 8080);
  CHECK(parsed("GET", "http://a?x=1").path_and_query == "/?x=1");
  CHECK(parsed("GET", "https://a/").port == 443);
  CHECK(parsed("GET", "ws://a/chat").port == 80);
  CHECK(parsed("GET", "ftp://a/").port == 0);
  CHECK(parsed("GET", "http://a:/x").port == 80);  // an empty port is the default one
  CHECK(parsed("GET", "http://127.0.0.1:5555/").host == "127.0.0.1");
}

TEST_CASE("absolute-form with IPv6 hosts", "[proxy][target]") {
  auto target = parsed("GET", "http://[2001:DB8::1]:8080/x");
  CHECK(target.ipv6);
  CHECK(target.host == "2001:db8::1");
  CHECK(target.port == 8080);
  CHECK(target.authority == "[2001:DB8::1]:8080");
  CHECK(target.path_and_query == "/x");
  auto plain = parsed("GET", "http://[::1]/");
  CHECK(plain.host == "::1");
  CHECK(plain.port == 80);
  CHECK(parsed("GET", "http://[::ffff:192.0.2.1]/").host == "::ffff:192.0.2.1");
  CHECK(refused("GET", "http://[::1/"));
  CHECK(refused("GET", "http://[::1]x/"));
  CHECK(refused("GET", "http://[zz::1]/"));
  CHECK(refused("GET", "http://[]/"));
  CHECK(refused("GET", "http://[fe80::1%25eth0]/"));  // zone identifiers are not for proxies
}

TEST_CASE("absolute-form refusals", "[proxy][target]") {
  CHECK(refused("GET", "http://user:pass@a/"));  // RFC 9110 §4.2.4
  CHECK(refused("GET", "http:///path"));
  CHECK(refused("GET", "http://a:0/"));
  CHECK(refused("GET", "http://a:65536/"));
  CHECK(refused("GET", "http://a:8o/"));
  CHECK(refused("GET", "http://a b/"));
  CHECK(refused("GET", "1http://a/"));
  CHECK(refused("GET", "example.com:80"));  // authority-form is CONNECT's
  CHECK(refused("GET", "http://a/#frag"));
  CHECK(refused("GET", "http://a%zz/"));
  CHECK(parsed("GET", "http://a%41/").host == "a%41");
}

TEST_CASE("authority-form is CONNECT's, with a port", "[proxy][target]") {
  auto target = parsed("CONNECT", "Example.com:443");
  CHECK(target.form == TargetForm::authority);
  CHECK(target.host == "example.com");
  CHECK(target.port == 443);
  CHECK(target.path_and_query.empty());
  auto v6 = parsed("CONNECT", "[::1]:8443");
  CHECK(v6.ipv6);
  CHECK(v6.host == "::1");
  CHECK(refused("CONNECT", "example.com"));
  CHECK(refused("CONNECT", "example.com:"));
  CHECK(refused("CONNECT", "[::1]"));
  CHECK(refused("CONNECT", "/"));
  CHECK(refused("CONNECT", "http://a:443/"));
  CHECK(refused("CONNECT", "user@a:443"));
}

TEST_CASE("asterisk-form is OPTIONS'", "[proxy][target]") {
  auto target = parsed("OPTIONS", "*");
  CHECK(target.form == TargetForm::asterisk);
  CHECK(target.path_and_query == "*");
  CHECK(refused("GET", "*"));
}

TEST_CASE("Host values as authorities", "[proxy][target]") {
  Authority authority;
  REQUIRE_FALSE(parse_authority("Example.com:8080", false, authority));
  CHECK(authority.host == "example.com");
  CHECK(authority.port == 8080);
  REQUIRE_FALSE(parse_authority("example.com", false, authority));
  CHECK(authority.port == 0);
  CHECK(parse_authority("example.com", true, authority) == errc::bad_target);
  CHECK(parse_authority("", false, authority) == errc::bad_target);
  CHECK(parse_authority(":80", false, authority) == errc::bad_target);
  CHECK(parse_authority("a:123456", false, authority) == errc::bad_target);
  CHECK(default_port("HTTPS") == 443);
  CHECK(default_port("gopher") == 0);
}
