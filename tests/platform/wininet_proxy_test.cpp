#include "platform/wininet_proxy.hpp"

#include <catch2/catch.hpp>

using namespace postern::platform;

TEST_CASE("one WinINet proxy serves every scheme; <local> bypasses simple names",
          "[wininet_proxy]") {
  auto proxy = wininet_proxy_from({false, "", "proxy.corp:8080", "<local>;*.corp.example; 10.*"});
  CHECK(proxy.source == "Windows (Internet Options, WinINet)");
  CHECK(proxy.http == "proxy.corp:8080");
  CHECK(proxy.https == "proxy.corp:8080");
  CHECK(proxy.bypass_simple_hosts);
  CHECK(proxy.bypass == std::vector<std::string>{"*.corp.example", "10.*"});
}

TEST_CASE("per-scheme WinINet proxies, SOCKS, PAC and WPAD", "[wininet_proxy]") {
  auto proxy = wininet_proxy_from(
      {true, "http://wpad.corp/proxy.pac", "http=h.corp:1;HTTPS=s.corp:2;socks=k.corp:3", ""});
  CHECK(proxy.http == "h.corp:1");
  CHECK(proxy.https == "s.corp:2");
  CHECK(proxy.socks == "socks4://k.corp:3");
  CHECK(proxy.auto_detect);
  CHECK(proxy.pac_url == "http://wpad.corp/proxy.pac");
  CHECK_FALSE(proxy.bypass_simple_hosts);
  CHECK_FALSE(wininet_proxy_from({}).configured());
}
