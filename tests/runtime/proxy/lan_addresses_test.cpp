#include "runtime/proxy/lan_addresses.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

using namespace postern::proxy;

namespace {

bool is_ipv4(const std::string& text) {
  in_addr address{};
  return ::inet_pton(AF_INET, text.c_str(), &address) == 1;
}

bool is_ipv6(const std::string& text) {
  in6_addr address{};
  return ::inet_pton(AF_INET6, text.c_str(), &address) == 1;
}

bool is_loopback(const std::string& text) {
  in6_addr v6{};
  if (::inet_pton(AF_INET6, text.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
  return text.rfind("127.", 0) == 0;
}

bool is_link_local_v6(const std::string& text) {
  in6_addr v6{};
  return ::inet_pton(AF_INET6, text.c_str(), &v6) == 1 && IN6_IS_ADDR_LINKLOCAL(&v6);
}

}  // namespace

// The machine's interfaces are whatever they are, so this checks properties of the list, not
// its contents; a machine with loopback only gets an empty list, which is right too.
TEST_CASE("LAN addresses are reachable addresses, each once", "[proxy][lan]") {
  const std::vector<std::string> addresses = lan_addresses();
  for (const std::string& address : addresses) {
    INFO(address);
    CHECK((is_ipv4(address) || is_ipv6(address)));
    CHECK_FALSE(is_loopback(address));
    CHECK_FALSE(is_link_local_v6(address));
    CHECK(std::count(addresses.begin(), addresses.end(), address) == 1);
  }
}

TEST_CASE("IPv4 addresses come before IPv6 ones", "[proxy][lan]") {
  const std::vector<std::string> addresses = lan_addresses();
  const auto first_v6 = std::find_if(addresses.begin(), addresses.end(), is_ipv6);
  CHECK(std::none_of(first_v6, addresses.end(), is_ipv4));
}
