#pragma once
// The names a leaf can be minted for: DNS names and IP address literals, normalised so that one
// host always maps to one cache key.

#include <string>
#include <string_view>

#include "base/result.hpp"

namespace postern::certs {

/// A validated, normalised host.
struct HostName {
  std::string name;       ///< lower-case DNS name, or the canonical text of an IP address
  std::string ip_octets;  ///< 4 or 16 raw octets for an IP literal; empty for a DNS name
  /// True for an IPv4 or IPv6 literal.
  bool is_ip() const { return !ip_octets.empty(); }
};

/// Lower-cases, strips one trailing dot and the brackets around an IPv6 literal, then checks the
/// result is a DNS name (RFC 1035 section 2.3.4 lengths) or an IP literal; errc::invalid_host
/// otherwise.
base::Result<HostName> normalize_host(std::string_view host);

/// The wildcard of the parent domain ("*.b.example.com" for "a.b.example.com") that a leaf for
/// `host` also covers; empty for IPs, names with fewer than three labels and public suffixes.
std::string wildcard_for(const HostName& host);

}  // namespace postern::certs
