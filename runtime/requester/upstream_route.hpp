#pragma once
// The capture proxy's upstream proxy, from the same settings the requester and the doctor use
// (settings.json's proxy section, seed 003): the system proxy from the environment, or the
// custom proxy with its bypass list. Decided per origin, so bypass rules apply per host.

#include <cstdint>

#include "base/environment.hpp"
#include "runtime/proxy/proxy_options.hpp"
#include "runtime/requester/proxy_settings.hpp"

namespace postern::requester {

/// The route function for the capture proxy, over every system source (environment, desktop,
/// PAC). A route that would lead back to the proxy itself (an http_proxy variable pointing at
/// 127.0.0.1:`own_port`, as a shell set up for capture has) is direct instead: following it
/// would loop forever. Answers are kept per scheme, host and port (up to kRouteCacheSize
/// origins), so a PAC file runs once per origin, not once per connection.
proxy::UpstreamProxyRoute upstream_route(ProxySettings settings, SystemProxySources sources,
                                         std::uint16_t own_port);

/// The same with the environment as the only system source (no desktop, no PAC).
proxy::UpstreamProxyRoute upstream_route(ProxySettings settings, base::Environment env,
                                         std::uint16_t own_port);

/// Origins whose route upstream_route remembers; past it the memory starts again.
inline constexpr std::size_t kRouteCacheSize = 4096;

/// "Basic base64(user:password)".
std::string basic_authorization(const ProxyCredentials& credentials);

}  // namespace postern::requester
