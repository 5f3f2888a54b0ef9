#include "runtime/daemon/capture_proxy.hpp"

#include "base/codes.hpp"
#include "certs/cert_store.hpp"
#include "certs/fingerprint.hpp"
#include "runtime/proxy/lan_addresses.hpp"

namespace postern::daemon {
namespace {

proxy::CaDownload download_of(const certs::CertificateAuthority& ca) {
  const certs::CertificateInfo info = certs::describe(ca.certificate());
  return proxy::CaDownload{ca.pem(), info.der, info.sha256_hex, info.subject_cn};
}

}  // namespace

base::Result<std::unique_ptr<CaptureProxy>> CaptureProxy::start(
    proxy::ProxyOptions options, const std::filesystem::path& ca_dir,
    std::shared_ptr<proxy::ExchangeHooks> hooks, std::function<void(const std::string&)> log) {
  std::unique_ptr<CaptureProxy> running(new CaptureProxy());
  running->lan_ = options.listen.address != "127.0.0.1";
  std::shared_ptr<certs::CertStore> leaves;
  proxy::CaDownload download;
  auto ca = certs::CertificateAuthority::load_or_create(certs::CaFiles::in(ca_dir),
                                                        certs::CaOwner::current());
  if (ca) {
    running->ca_ = ca.value();
    leaves = std::make_shared<certs::CertStore>(ca.value());
    download = download_of(*ca.value());
  } else {
    running->ca_problem_ = ca.error().message + "; " + ca.error().remedy;
    if (log) log("HTTPS is not intercepted: " + running->ca_problem_);
  }
  if (!options.intercept_tls && running->ca_problem_.empty())
    running->ca_problem_ = "interception is turned off (--no-intercept)";
  if (!options.verify_upstream && log)
    log("upstream certificates are NOT verified (--insecure-upstream): use only with lab servers");
  auto context = std::make_shared<proxy::ProxyContext>(
      std::move(options), std::move(leaves), std::move(hooks), std::move(download), std::move(log));
  running->server_ = std::make_unique<proxy::ProxyServer>(context);
  if (auto started = running->server_->start(); !started) return started.error();
  return running;
}

nlohmann::json CaptureProxy::status() const {
  proxy::ProxyContext& context = server_->context();
  const proxy::ProxyOptions& options = context.options();
  const proxy::ProxyCounters& counters = context.counters();
  nlohmann::json status = {
      {"listening", true},
      {"host", options.listen.address},
      {"port", server_->port()},
      {"lan", lan_},
      {"addresses", lan_ ? proxy::lan_addresses() : std::vector<std::string>{"127.0.0.1"}},
      {"intercept", context.interception() != nullptr},
      {"verify_upstream", options.verify_upstream},
      {"pass_through", options.pass_through},
      {"ca_file", ca_ ? ca_->files().cert.string() : std::string()},
      {"connections", counters.connections.load()},
      {"open_connections", counters.open_connections.load()},
      {"exchanges", counters.exchanges.load()},
      {"upstream_failures", counters.upstream_failures.load()},
      {"client_tls_failures", counters.client_tls_failures.load()},
  };
  if (!ca_problem_.empty()) status["intercept_off_reason"] = ca_problem_;
  return status;
}

nlohmann::json CaptureProxy::failed_status(const proxy::ListenOptions& listen,
                                           const base::Error& why) {
  const bool in_use = why.code == std::errc::address_in_use;
  return {{"listening", false},
          {"port", listen.port},
          {"lan", listen.address != "127.0.0.1"},
          {"addresses", nlohmann::json::array()},
          {"error",
           {{"code", in_use ? base::codes::proxy_port_in_use : base::codes::proxy_listen_failed},
            {"message", why.message},
            {"remedy", why.remedy}}}};
}

std::string CaptureProxy::describe() const {
  std::string line = "capture proxy on " + server_->context().options().listen.address + ":" +
                     std::to_string(server_->port());
  if (lan_) {
    line += " (LAN:";
    for (const std::string& address : proxy::lan_addresses())
      line += " " + address + ":" + std::to_string(server_->port());
    line += ")";
  }
  return line;
}

}  // namespace postern::daemon
