#pragma once
// The machine's addresses other devices on the network can reach it at, for `--lan`: a phone
// needs one of them in its Wi-Fi proxy settings.

#include <string>
#include <vector>

namespace postern::proxy {

/// IPv4 addresses of interfaces that are up and not loopback, then global IPv6 addresses.
std::vector<std::string> lan_addresses();

}  // namespace postern::proxy
