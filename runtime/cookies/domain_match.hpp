#pragma once
// Hosts and domains for cookies: the canonical host (RFC 6265 §5.1.2, without IDNA) and
// domain-match (§5.1.3).

#include <string>
#include <string_view>

namespace postern::cookies {

/// `host` as the jar compares it: ASCII letters lowered, an IPv6 literal without its brackets.
/// Non-ASCII bytes pass through unchanged (no IDNA: hosts on the wire are already A-labels).
std::string canonical_host(std::string_view host);

/// Whether `host` is an IPv4 dotted quad or an IPv6 literal (brackets optional). Domain-match
/// and the public-suffix check treat IP addresses as opaque names.
bool is_ip_address(std::string_view host);

/// Whether every byte of `text` can be part of a host name: letters, digits, '-', '.', '_',
/// '~', ':' (IPv6), or a byte >= 0x80 (a raw UTF-8 name). Keeps spaces, tabs, ';' and '#' out of
/// cookie domains, where the Cookie header and cookies.txt would misread them.
bool is_host_text(std::string_view text);

/// §5.1.3: `host` domain-matches `domain` when they are identical, or when `domain` is a suffix
/// of `host` after a '.', and `host` is a name rather than an IP address. Both are canonical.
bool domain_match(std::string_view host, std::string_view domain);

/// Whether `host` is loopback ("localhost", "*.localhost", 127.0.0.0/8, ::1). Browsers treat
/// these as secure contexts, so Secure cookies work in local development over http://.
bool is_loopback_host(std::string_view host);

}  // namespace postern::cookies
