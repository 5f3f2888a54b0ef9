#include "runtime/proxy/lan_addresses.hpp"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>

#include <algorithm>

namespace postern::proxy {
namespace {

std::string text_of(const sockaddr* address) {
  char buffer[INET6_ADDRSTRLEN] = {};
  const void* raw =
      address->sa_family == AF_INET
          ? static_cast<const void*>(&reinterpret_cast<const sockaddr_in*>(address)->sin_addr)
          : static_cast<const void*>(&reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr);
  return ::inet_ntop(address->sa_family, raw, buffer, sizeof buffer) ? buffer : "";
}

// Link-local IPv6 (fe80::/10) needs a zone index no phone settings screen accepts.
bool is_link_local_v6(const sockaddr* address) {
  const auto* v6 = reinterpret_cast<const sockaddr_in6*>(address);
  return IN6_IS_ADDR_LINKLOCAL(&v6->sin6_addr);
}

}  // namespace

std::vector<std::string> lan_addresses() {
  std::vector<std::string> v4;
  std::vector<std::string> v6;
  ifaddrs* list = nullptr;
  if (::getifaddrs(&list) != 0) return {};
  for (const ifaddrs* entry = list; entry; entry = entry->ifa_next) {
    const sockaddr* address = entry->ifa_addr;
    if (!address || !(entry->ifa_flags & IFF_UP) || (entry->ifa_flags & IFF_LOOPBACK)) continue;
    if (address->sa_family == AF_INET) v4.push_back(text_of(address));
    if (address->sa_family == AF_INET6 && !is_link_local_v6(address))
      v6.push_back(text_of(address));
  }
  ::freeifaddrs(list);
  // One address can be on several interfaces whose entries are not adjacent, so duplicates
  // are dropped wherever they are (std::unique only sees neighbours), keeping the order.
  v4.insert(v4.end(), v6.begin(), v6.end());
  std::vector<std::string> unique;
  for (std::string& address : v4) {
    if (!address.empty() && std::find(unique.begin(), unique.end(), address) == unique.end())
      unique.push_back(std::move(address));
  }
  return unique;
}

}  // namespace postern::proxy
