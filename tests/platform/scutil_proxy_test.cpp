#include "platform/scutil_proxy.hpp"

#include <catch2/catch.hpp>

using namespace postern::platform;

namespace {

// Captured from `scutil --proxy` on macOS 14 (Wi-Fi with a manual proxy, a PAC file, the
// default exceptions, and the per-interface __SCOPED__ copy that must be ignored).
constexpr const char* kSample = R"(<dictionary> {
  ExceptionsList : <array> {
    0 : *.local
    1 : 169.254/16
    2 : build.corp.example
  }
  ExcludeSimpleHostnames : 1
  FTPPassive : 1
  HTTPEnable : 1
  HTTPPort : 3128
  HTTPProxy : proxy.corp.example
  HTTPSEnable : 1
  HTTPSPort : 3129
  HTTPSProxy : secure.corp.example
  ProxyAutoConfigEnable : 1
  ProxyAutoConfigURLString : http://wpad.corp.example/proxy.pac
  ProxyAutoDiscoveryEnable : 0
  SOCKSEnable : 0
  SOCKSPort : 1080
  SOCKSProxy : socks.corp.example
  __SCOPED__ : <dictionary> {
    en0 : <dictionary> {
      HTTPEnable : 1
      HTTPPort : 9999
      HTTPProxy : scoped.example
    }
  }
}
)";

}  // namespace

TEST_CASE(
    "scutil --proxy output parses (a fake: captured macOS sample text, macOS cannot run "
    "here)",
    "[scutil_proxy][fake]") {
  auto proxy = parse_scutil_proxy(kSample);
  CHECK(proxy.source == "macOS (scutil --proxy)");
  CHECK(proxy.http == "proxy.corp.example:3128");
  CHECK(proxy.https == "secure.corp.example:3129");
  CHECK(proxy.socks.empty());  // SOCKSEnable : 0
  CHECK(proxy.pac_url == "http://wpad.corp.example/proxy.pac");
  CHECK_FALSE(proxy.auto_detect);
  CHECK(proxy.bypass ==
        std::vector<std::string>{"*.local", "169.254.0.0/16", "build.corp.example"});
  CHECK(proxy.bypass_simple_hosts);
}

TEST_CASE("scutil with nothing on is no proxy (a fake: captured macOS sample text)",
          "[scutil_proxy][fake]") {
  auto proxy = parse_scutil_proxy(
      "<dictionary> {\n  HTTPEnable : 0\n  HTTPProxy : old.example\n  HTTPPort : 1\n"
      "  ProxyAutoDiscoveryEnable : 1\n  SOCKSEnable : 1\n  SOCKSProxy : s.lan\n"
      "  SOCKSPort : 1080\n}\n");
  CHECK(proxy.http.empty());
  CHECK(proxy.auto_detect);
  CHECK(proxy.socks == "socks5h://s.lan:1080");
  CHECK(parse_scutil_proxy("").configured() == false);
  CHECK(parse_scutil_proxy("}}}\n{ : \n : <array> {\n").configured() == false);
}

TEST_CASE("short IPv4 networks are expanded", "[scutil_proxy]") {
  CHECK(expand_short_ipv4_network("169.254/16") == "169.254.0.0/16");
  CHECK(expand_short_ipv4_network("10/8") == "10.0.0.0/8");
  CHECK(expand_short_ipv4_network("10.1.2.0/24") == "10.1.2.0/24");
  CHECK(expand_short_ipv4_network("*.local") == "*.local");
  CHECK(expand_short_ipv4_network("fe80::/10") == "fe80::/10");
}
