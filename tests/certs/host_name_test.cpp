#include "certs/host_name.hpp"

#include <catch2/catch.hpp>

#include "certs/errc.hpp"

using postern::certs::errc;
using postern::certs::HostName;
using postern::certs::normalize_host;
using postern::certs::wildcard_for;

namespace {

std::string normalized(std::string_view host) {
  auto result = normalize_host(host);
  REQUIRE(result.has_value());
  return result.value().name;
}

std::string wildcard_of(std::string_view host) {
  auto result = normalize_host(host);
  REQUIRE(result.has_value());
  return wildcard_for(result.value());
}

}  // namespace

TEST_CASE("DNS names are lower-cased and lose the root dot", "[host]") {
  CHECK(normalized("Example.COM") == "example.com");
  CHECK(normalized("www.example.com.") == "www.example.com");
  CHECK(normalized("localhost") == "localhost");
  CHECK(normalized("_dmarc.example.com") == "_dmarc.example.com");
  CHECK(normalized("xn--bcher-kva.example") == "xn--bcher-kva.example");
  CHECK_FALSE(normalize_host("example.com").value().is_ip());
}

TEST_CASE("IP literals keep their octets and a canonical text", "[host]") {
  auto v4 = normalize_host("192.0.2.7");
  REQUIRE(v4.has_value());
  CHECK(v4.value().is_ip());
  CHECK(v4.value().ip_octets == std::string("\xc0\x00\x02\x07", 4));
  CHECK(normalized("[::1]") == "::1");
  CHECK(normalized("0:0:0:0:0:0:0:1") == "::1");
  CHECK(normalized("2001:DB8::A") == "2001:db8::a");
  CHECK(normalize_host("2001:db8::a").value().ip_octets.size() == 16);
}

TEST_CASE("names that are neither DNS names nor IPs are rejected", "[host]") {
  const std::string long_label(64, 'a');
  std::string long_name;
  while (long_name.size() < 254)
    long_name += "abcdefghi.";
  long_name.pop_back();
  for (const std::string& bad :
       {std::string(""), std::string("."), std::string(".."), std::string("a..b"),
        std::string(".example.com"), std::string("exa mple.com"), std::string("*.example.com"),
        std::string("example.com/path"), std::string("host:443"), std::string("ex\xc3\xa4mple.de"),
        std::string("a\0b", 3), long_label + ".com", long_name, std::string("fe80::1%eth0"),
        std::string("[example.com"), std::string(10000, 'a')}) {
    INFO(bad);
    auto result = normalize_host(bad);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().code == errc::invalid_host);
    CHECK(result.error().message.size() < 200);  // bounded even for huge input
  }
  CHECK(normalize_host(std::string(63, 'a') + ".com").has_value());
}

TEST_CASE("the wildcard covers siblings under the parent domain", "[host]") {
  CHECK(wildcard_of("a.b.example.com") == "*.b.example.com");
  CHECK(wildcard_of("www.example.com") == "*.example.com");
  CHECK(wildcard_of("www.example.de") == "*.example.de");
  CHECK(wildcard_of("user.github.io") == "*.github.io");  // private registry: Chrome allows it
}

TEST_CASE("no wildcard for IPs, short names and country-code registries", "[host]") {
  CHECK(wildcard_of("example.com").empty());  // "*.com" is never honoured
  CHECK(wildcard_of("localhost").empty());
  CHECK(wildcard_of("192.0.2.7").empty());
  CHECK(wildcard_of("::1").empty());
  CHECK(wildcard_of("bbc.co.uk").empty());  // "*.co.uk" is refused by Chrome
  CHECK(wildcard_of("shop.com.au").empty());
  CHECK(wildcard_of("www.bbc.co.uk") == "*.bbc.co.uk");
}
