#include "runtime/requester/upstream_route.hpp"

#include <openssl/evp.h>

#include <string>

#include "base/url.hpp"

namespace postern::requester {
namespace {

bool is_loopback(std::string_view host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host == "0.0.0.0";
}

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(bytes.data()),
                                      static_cast<int>(bytes.size()));
  out.resize(written > 0 ? static_cast<std::size_t>(written) : 0);
  return out;
}

}  // namespace

std::string basic_authorization(const ProxyCredentials& credentials) {
  return "Basic " + base64(credentials.username + ":" + credentials.password);
}

proxy::UpstreamProxyRoute upstream_route(ProxySettings settings, base::Environment env,
                                         std::uint16_t own_port) {
  return [settings = std::move(settings), env = std::move(env), own_port](
             std::string_view scheme, std::string_view host,
             std::uint16_t port) -> std::optional<proxy::UpstreamProxy> {
    base::UrlParts target;
    target.scheme = std::string(scheme);
    target.host = std::string(host);
    target.port = port;
    target.ipv6 = host.find(':') != std::string_view::npos;
    const ResolvedProxy resolved = resolve_proxy(settings, env, target);
    if (resolved.route.direct) return std::nullopt;
    auto proxy_url = base::parse_url(resolved.route.proxy_url);
    if (!proxy_url) return std::nullopt;
    const base::UrlParts& parts = proxy_url.value();
    if (is_loopback(parts.host) && parts.port == own_port) return std::nullopt;
    proxy::UpstreamProxy upstream;
    upstream.host = parts.host;
    upstream.port = parts.port;
    upstream.description = resolved.route.source;
    // The settings' credentials first; else those in the proxy URL itself
    // (http_proxy=http://user:pass@host:port), as curl and every other client reads them.
    if (!resolved.credentials.username.empty())
      upstream.authorization = basic_authorization(resolved.credentials);
    else if (!parts.username.empty())
      upstream.authorization =
          basic_authorization(ProxyCredentials{parts.username, parts.password});
    return upstream;
  };
}

}  // namespace postern::requester
