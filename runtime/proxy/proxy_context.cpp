#include "runtime/proxy/proxy_context.hpp"

namespace postern::proxy {

ProxyContext::ProxyContext(ProxyOptions options, std::shared_ptr<certs::CertStore> leaves,
                           std::shared_ptr<ExchangeHooks> hooks, CaDownload ca,
                           std::function<void(const std::string&)> log)
    : options_(std::move(options)),
      interception_(options_.intercept_tls && leaves
                        ? std::make_unique<InterceptionTls>(std::move(leaves))
                        : nullptr),
      upstream_tls_(options_.verify_upstream),
      pass_through_(options_.pass_through),
      hooks_(std::move(hooks)),
      ca_(std::move(ca)),
      log_(std::move(log)) {}

void ProxyContext::set_listening(std::uint16_t port, std::vector<std::string> own_addresses) {
  port_ = port;
  own_addresses_ = std::move(own_addresses);
}

bool ProxyContext::is_own_lan_address(std::string_view host, std::uint16_t port) const {
  if (port != port_) return false;
  for (const std::string& address : own_addresses_)
    if (address == host) return true;
  return false;
}

void ProxyContext::log(const std::string& line) const {
  if (log_) log_(line);
}

}  // namespace postern::proxy
