#pragma once
// macOS's proxy settings as `scutil --proxy` prints them (the SystemConfiguration dictionary of
// the primary network service). The parser is pure, so it is tested everywhere on captured
// samples; desktop_proxy_macos.cpp runs the tool.

#include <string_view>

#include "platform/desktop_proxy.hpp"

namespace postern::platform {

/// "macOS (scutil --proxy)".
inline constexpr const char* kScutilProxySource = "macOS (scutil --proxy)";

/// The top-level keys of `scutil --proxy` output as a DesktopProxy: HTTP/HTTPS/SOCKS
/// Enable/Proxy/Port, ProxyAutoConfigEnable/URLString, ProxyAutoDiscoveryEnable,
/// ExceptionsList, ExcludeSimpleHostnames. Nested dictionaries (__SCOPED__) are skipped.
DesktopProxy parse_scutil_proxy(std::string_view output);

/// macOS writes short IPv4 networks ("169.254/16"); the full form ("169.254.0.0/16") otherwise
/// unchanged.
std::string expand_short_ipv4_network(std::string_view entry);

}  // namespace postern::platform
