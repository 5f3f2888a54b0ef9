#include "runtime/requester/upstream_route.hpp"

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "base/url.hpp"
#include "runtime/auth/crypto.hpp"

namespace postern::requester {
namespace {

bool is_loopback(std::string_view host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host == "0.0.0.0";
}

// The upstream for one resolved route; nothing for direct and for routes back to ourselves.
std::optional<proxy::UpstreamProxy> upstream_for(const ResolvedProxy& resolved,
                                                 std::uint16_t own_port) {
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
    upstream.authorization = basic_authorization(ProxyCredentials{parts.username, parts.password});
  return upstream;
}

// Remembers each origin's answer: resolving may run a PAC file (a process, tens of ms), and the
// proxy asks once per upstream connection from several threads.
class RouteCache {
 public:
  std::optional<std::optional<proxy::UpstreamProxy>> find(const std::string& origin) {
    std::lock_guard lock(mutex_);
    auto found = routes_.find(origin);
    if (found == routes_.end()) return std::nullopt;
    return found->second;
  }
  void keep(const std::string& origin, const std::optional<proxy::UpstreamProxy>& route) {
    std::lock_guard lock(mutex_);
    if (routes_.size() >= kRouteCacheSize) routes_.clear();
    routes_.emplace(origin, route);
  }

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, std::optional<proxy::UpstreamProxy>> routes_;
};

base::UrlParts target_of(std::string_view scheme, std::string_view host, std::uint16_t port) {
  base::UrlParts target;
  target.scheme = std::string(scheme);
  target.host = std::string(host);
  target.port = port;
  target.ipv6 = host.find(':') != std::string_view::npos;
  return target;
}

}  // namespace

std::string basic_authorization(const ProxyCredentials& credentials) {
  return "Basic " + auth::base64_encode(credentials.username + ":" + credentials.password);
}

proxy::UpstreamProxyRoute upstream_route(ProxySettings settings, SystemProxySources sources,
                                         std::uint16_t own_port) {
  auto shared = std::make_shared<const SystemProxySources>(std::move(sources));
  auto cache = std::make_shared<RouteCache>();
  return [settings = std::move(settings), shared, cache, own_port](
             std::string_view scheme, std::string_view host,
             std::uint16_t port) -> std::optional<proxy::UpstreamProxy> {
    std::string origin =
        std::string(scheme) + "://" + std::string(host) + ":" + std::to_string(port);
    if (auto known = cache->find(origin)) return *known;
    auto route =
        upstream_for(resolve_proxy(settings, *shared, target_of(scheme, host, port)), own_port);
    cache->keep(origin, route);
    return route;
  };
}

proxy::UpstreamProxyRoute upstream_route(ProxySettings settings, base::Environment env,
                                         std::uint16_t own_port) {
  return [settings = std::move(settings), env = std::move(env), own_port](
             std::string_view scheme, std::string_view host,
             std::uint16_t port) -> std::optional<proxy::UpstreamProxy> {
    return upstream_for(resolve_proxy(settings, env, target_of(scheme, host, port)), own_port);
  };
}

}  // namespace postern::requester
