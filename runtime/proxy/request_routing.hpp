#pragma once
// Where a request read by the proxy goes, decided from its head alone (no I/O): to an origin,
// to the proxy's own pages (http://postern.proxy/, or the proxy's own address, which would
// otherwise loop), or nowhere (a 400 that says how to use a proxy).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/proxy/exchange_tracker.hpp"
#include "runtime/proxy/message_head.hpp"
#include "runtime/proxy/origin.hpp"

namespace postern::proxy {

/// The host name that reaches the proxy's own pages (like mitm.it). Never resolved: the proxy
/// recognises it in absolute-form requests and Host fields before any lookup.
inline constexpr std::string_view kProxyPageHost = "postern.proxy";

/// True when `host` (lower case, no port) is the proxy's own page host.
bool is_proxy_page_host(std::string_view host);

/// What to do with a request.
struct RoutedRequest {
  /// The three answers.
  enum class Kind { origin, page, refuse };
  Kind kind = Kind::refuse;  ///< which
  Origin origin;             ///< origin: where to connect
  ExchangeTarget target;     ///< origin: the URL and its parts, for the hooks
  std::string path;          ///< page: the path asked for; origin: the origin-form target
  std::string message;       ///< refuse: why, for the 400 body
};

/// Routes `request`. `tunnel_origin` is set inside a tunnel (every request goes there);
/// `listen_port` is the proxy's own port, to catch requests to itself.
RoutedRequest route_request(const RequestHead& request, const std::optional<Origin>& tunnel_origin,
                            std::uint16_t listen_port);

/// "scheme://host[:port]path", the port left out when it is the scheme's default.
std::string absolute_url(std::string_view scheme, std::string_view host, std::uint16_t port,
                         std::string_view path_and_query);

}  // namespace postern::proxy
