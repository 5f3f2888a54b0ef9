#include "runtime/proxy/request_routing.hpp"

namespace postern::proxy {
namespace {

bool is_own_address(std::string_view host, std::uint16_t port, std::uint16_t listen_port) {
  return port == listen_port &&
         (host == "127.0.0.1" || host == "localhost" || host == "::1" || host == "0.0.0.0");
}

RoutedRequest page(std::string path) {
  RoutedRequest routed;
  routed.kind = RoutedRequest::Kind::page;
  routed.path = path.empty() ? "/" : std::move(path);
  return routed;
}

RoutedRequest refuse(std::string message) {
  RoutedRequest routed;
  routed.message = std::move(message);
  return routed;
}

RoutedRequest to_origin(std::string scheme, std::string host, std::uint16_t port,
                        std::string tls_name, std::string path) {
  RoutedRequest routed;
  routed.kind = RoutedRequest::Kind::origin;
  // ws/wss are the same connections as http/https; the Upgrade header says the rest.
  const std::string transport = scheme == "wss" ? "https" : scheme == "ws" ? "http" : scheme;
  routed.target = ExchangeTarget{absolute_url(scheme, host, port, path), scheme, host, port};
  routed.origin = Origin{transport, std::move(host), port, std::move(tls_name)};
  routed.path = std::move(path);
  return routed;
}

}  // namespace

bool is_proxy_page_host(std::string_view host) {
  return host == kProxyPageHost;
}

std::string absolute_url(std::string_view scheme, std::string_view host, std::uint16_t port,
                         std::string_view path_and_query) {
  std::string url = std::string(scheme) + "://";
  url += host.find(':') != std::string_view::npos ? "[" + std::string(host) + "]" : host;
  if (port != default_port(scheme)) url += ":" + std::to_string(port);
  url += path_and_query.empty() ? "/" : path_and_query;
  return url;
}

RoutedRequest route_request(const RequestHead& request, const std::optional<Origin>& tunnel_origin,
                            std::uint16_t listen_port) {
  const RequestTarget& target = request.target;
  if (target.form == TargetForm::asterisk)
    return refuse("OPTIONS * asks the proxy itself; there is nothing to relay");
  if (tunnel_origin) {
    const Origin& origin = *tunnel_origin;
    if (is_proxy_page_host(origin.host)) return page(target.path_and_query);
    const std::string name = origin.tls_name.empty() ? origin.host : origin.tls_name;
    // The URL names what the client asked for (its SNI); the connection goes where CONNECT said.
    RoutedRequest routed =
        to_origin(origin.scheme, name, origin.port, origin.tls_name, target.path_and_query);
    routed.origin = origin;
    return routed;
  }
  if (target.form == TargetForm::origin) {
    // A browser pointed at the proxy's own address, or at http://postern.proxy/ through it.
    return page(target.path_and_query);
  }
  if (is_proxy_page_host(target.host) || is_own_address(target.host, target.port, listen_port))
    return page(target.path_and_query);
  if (target.scheme != "http" && target.scheme != "https" && target.scheme != "ws" &&
      target.scheme != "wss")
    return refuse("the proxy relays http and https URLs only, not " + target.scheme);
  return to_origin(target.scheme, target.host, target.port, target.host, target.path_and_query);
}

}  // namespace postern::proxy
