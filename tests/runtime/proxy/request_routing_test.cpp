#include "runtime/proxy/request_routing.hpp"

#include <catch2/catch.hpp>

using namespace postern::proxy;
using Kind = RoutedRequest::Kind;

namespace {

constexpr std::uint16_t kListenPort = 5555;

RequestHead request(std::string_view method, std::string_view target) {
  RequestHead head;
  head.method = method;
  INFO(target);
  REQUIRE_FALSE(parse_request_target(method, target, head.target));
  return head;
}

RoutedRequest route(std::string_view target, std::optional<Origin> tunnel = std::nullopt,
                    std::string_view method = "GET") {
  return route_request(request(method, target), tunnel, kListenPort);
}

}  // namespace

TEST_CASE("absolute-form http and https go to their origin", "[proxy][routing]") {
  auto routed = route("http://Example.COM:8080/p?q=1");
  REQUIRE(routed.kind == Kind::origin);
  CHECK(routed.origin == Origin{"http", "example.com", 8080, "example.com"});
  CHECK(routed.target.url == "http://example.com:8080/p?q=1");
  CHECK(routed.target.scheme == "http");
  CHECK(routed.target.host == "example.com");
  CHECK(routed.target.port == 8080);
  CHECK(routed.path == "/p?q=1");

  routed = route("https://example.com:443");
  REQUIRE(routed.kind == Kind::origin);
  CHECK(routed.origin == Origin{"https", "example.com", 443, "example.com"});
  CHECK(routed.target.url == "https://example.com/");  // the default port is left out
  CHECK(routed.path == "/");
}

TEST_CASE("ws and wss connect like http and https; the URL keeps their scheme",
          "[proxy][routing]") {
  auto routed = route("ws://chat.test/socket");
  REQUIRE(routed.kind == Kind::origin);
  CHECK(routed.origin == Origin{"http", "chat.test", 80, "chat.test"});
  CHECK(routed.target.scheme == "ws");
  CHECK(routed.target.url == "ws://chat.test/socket");

  routed = route("wss://chat.test:8443/socket");
  REQUIRE(routed.kind == Kind::origin);
  CHECK(routed.origin == Origin{"https", "chat.test", 8443, "chat.test"});
  CHECK(routed.target.url == "wss://chat.test:8443/socket");
}

TEST_CASE("IPv6 hosts are bracketed in the URL only", "[proxy][routing]") {
  auto routed = route("http://[2001:DB8::1]:8080/x");
  REQUIRE(routed.kind == Kind::origin);
  CHECK(routed.origin.host == "2001:db8::1");
  CHECK(routed.origin.authority() == "[2001:db8::1]:8080");
  CHECK(routed.target.host == "2001:db8::1");
  CHECK(routed.target.url == "http://[2001:db8::1]:8080/x");
  CHECK(route("https://[::2]/").target.url == "https://[::2]/");
}

TEST_CASE("requests for the proxy itself get its pages", "[proxy][routing]") {
  auto routed = route("/ca.pem");  // origin-form outside a tunnel: the proxy was asked directly
  CHECK(routed.kind == Kind::page);
  CHECK(routed.path == "/ca.pem");

  routed = route("http://postern.proxy/ca.der?x=1");
  CHECK(routed.kind == Kind::page);
  CHECK(routed.path == "/ca.der?x=1");
  CHECK(route("http://POSTERN.proxy").path == "/");
  CHECK(route("https://postern.proxy/").kind == Kind::page);
}

TEST_CASE("the proxy's own address is a page, not a loop", "[proxy][routing]") {
  for (const char* url : {"http://127.0.0.1:5555/", "http://localhost:5555/", "http://[::1]:5555/",
                          "http://0.0.0.0:5555/"}) {
    INFO(url);
    const auto routed = route(url);
    CHECK(routed.kind == Kind::page);
    CHECK(routed.path == "/");
  }
  // Another port on the same machine is an origin like any other.
  auto routed = route("http://127.0.0.1:8080/api");
  REQUIRE(routed.kind == Kind::origin);
  CHECK(routed.origin == Origin{"http", "127.0.0.1", 8080, "127.0.0.1"});
  CHECK(route("http://127.0.0.1/").kind == Kind::origin);
}

TEST_CASE("asterisk-form and other schemes are refused with a reason", "[proxy][routing]") {
  auto routed = route("*", std::nullopt, "OPTIONS");
  CHECK(routed.kind == Kind::refuse);
  CHECK_THAT(routed.message, Catch::Contains("OPTIONS *"));

  routed = route("*", Origin{"https", "a.test", 443, "a.test"}, "OPTIONS");
  CHECK(routed.kind == Kind::refuse);

  routed = route("ftp://files.test/a.txt");
  CHECK(routed.kind == Kind::refuse);
  CHECK_THAT(routed.message, Catch::Contains("ftp"));
  CHECK(routed.target.url.empty());
}

TEST_CASE("inside a tunnel every request goes to the tunnel's origin", "[proxy][routing]") {
  const Origin tunnel{"https", "93.184.216.34", 443, "example.com"};
  auto routed = route("/a?b", tunnel);
  REQUIRE(routed.kind == Kind::origin);
  CHECK(routed.origin == tunnel);                         // the connection goes where CONNECT said
  CHECK(routed.target.url == "https://example.com/a?b");  // the URL names the SNI
  CHECK(routed.target.host == "example.com");
  CHECK(routed.target.port == 443);
  CHECK(routed.path == "/a?b");

  // An absolute-form request inside the tunnel still goes to the tunnel's origin.
  routed = route("http://elsewhere.test/x", tunnel);
  REQUIRE(routed.kind == Kind::origin);
  CHECK(routed.origin == tunnel);
  CHECK(routed.target.url == "https://example.com/x");
}

TEST_CASE("a tunnel without a TLS name is named by its host", "[proxy][routing]") {
  const Origin tunnel{"http", "plain.test", 8080, ""};
  auto routed = route("/", tunnel);
  REQUIRE(routed.kind == Kind::origin);
  CHECK(routed.origin == tunnel);
  CHECK(routed.target.url == "http://plain.test:8080/");
  CHECK(routed.target.host == "plain.test");

  const Origin v6{"https", "2001:db8::5", 8443, ""};
  CHECK(route("/x", v6).target.url == "https://[2001:db8::5]:8443/x");
}

TEST_CASE("a tunnel to postern.proxy gets the pages", "[proxy][routing]") {
  const auto routed = route("/ca.crt", Origin{"https", "postern.proxy", 443, "postern.proxy"});
  CHECK(routed.kind == Kind::page);
  CHECK(routed.path == "/ca.crt");
}

TEST_CASE("absolute_url leaves out default ports only", "[proxy][routing]") {
  CHECK(absolute_url("http", "a.test", 80, "") == "http://a.test/");
  CHECK(absolute_url("http", "a.test", 443, "/x") == "http://a.test:443/x");
  CHECK(absolute_url("https", "a.test", 443, "/x?y") == "https://a.test/x?y");
  CHECK(absolute_url("https", "a.test", 80, "/") == "https://a.test:80/");
  CHECK(absolute_url("ws", "a.test", 80, "/s") == "ws://a.test/s");
  CHECK(absolute_url("wss", "a.test", 443, "/s") == "wss://a.test/s");
  CHECK(absolute_url("ftp", "a.test", 21, "/f") == "ftp://a.test:21/f");
  CHECK(absolute_url("http", "::1", 80, "/") == "http://[::1]/");
  CHECK(absolute_url("https", "fe80::1", 8443, "/") == "https://[fe80::1]:8443/");
}

TEST_CASE("the page host is postern.proxy exactly", "[proxy][routing]") {
  CHECK(is_proxy_page_host(kProxyPageHost));
  CHECK(is_proxy_page_host("postern.proxy"));
  CHECK_FALSE(is_proxy_page_host("postern.proxy.evil.test"));
  CHECK_FALSE(is_proxy_page_host("www.postern.proxy"));
  CHECK_FALSE(is_proxy_page_host(""));
}
