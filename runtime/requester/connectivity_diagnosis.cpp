#include "runtime/requester/connectivity_diagnosis.hpp"

namespace postern::requester {

namespace {

using F = ConnectivityFailure;

void fail(ConnectivityReport& report, F failure, std::string message, std::string remedy) {
  report.ok = false;
  report.failure = failure;
  report.message = std::move(message);
  report.remedy = std::move(remedy);
}

// Where the proxy came from decides the fix: the custom proxy is a settings.json field, the
// system proxy an environment variable named in the route ("system proxy (HTTPS_PROXY)").
std::string fix_proxy(const TransferFacts& facts) {
  if (facts.route.rfind("custom proxy", 0) == 0)
    return "correct proxy.custom.server in settings.json, or set proxy.custom.enabled to false";
  const auto open = facts.route.find('('), close = facts.route.rfind(')');
  if (open != std::string::npos && close != std::string::npos && close > open + 1)
    return "correct or unset " + facts.route.substr(open + 1, close - open - 1) +
           " in the runtime's environment, or set proxy.system.enabled to false in settings.json";
  return "correct the proxy settings in settings.json";
}

// Failures that happen at the proxy, before the server is involved.
bool diagnose_proxy(const TransferFacts& facts, ConnectivityReport& report) {
  const std::string& proxy = facts.proxy;
  if (facts.code == CURLE_COULDNT_RESOLVE_PROXY) {
    fail(report, F::proxy_dns, "the proxy's host name in " + proxy + " does not resolve",
         fix_proxy(facts));
    return true;
  }
  const long answer = facts.connect_status >= 300 ? facts.connect_status
                      : facts.http_status == 407  ? 407
                                                  : 0;
  if (answer == 407) {
    fail(report, F::proxy_auth,
         "the proxy " + proxy + " asks for credentials (407)" +
             (facts.credentials_sent ? " and refused the ones given" : ""),
         "set the proxy's username and password: proxy.system.auth or proxy.custom.auth in "
         "settings.json, or user:password@ in the proxy URL");
    return true;
  }
  // A CONNECT answered 502-504, or a plain request's 502-504 from the proxy: the proxy is up but
  // could not reach the server. For plain HTTP a server's own 5xx looks the same; through a proxy
  // that is by far the likelier cause, and the message says what was seen.
  const long gateway = facts.connect_status >= 300 ? facts.connect_status
                       : facts.code == CURLE_OK    ? facts.http_status
                                                   : 0;
  if (gateway == 502 || gateway == 503 || gateway == 504) {
    fail(report, F::proxy_upstream,
         "the proxy " + proxy + " could not reach " + facts.host + " (it answered " +
             std::to_string(gateway) + ")",
         "check the proxy's own connection to the internet, or " + fix_proxy(facts));
    return true;
  }
  if (answer != 0) {
    fail(report, F::proxy_denied,
         "the proxy " + proxy + " refused to open a tunnel to " + facts.host + " (it answered " +
             std::to_string(answer) + ")",
         "ask the proxy's administrator to allow " + facts.host +
             ", or add the host to the bypass list");
    return true;
  }
  if (facts.code == CURLE_COULDNT_CONNECT || facts.code == CURLE_PROXY) {
    fail(report, F::proxy_refused,
         "the proxy " + proxy + " does not accept connections" +
             (facts.curl_detail.empty() ? "" : " (" + facts.curl_detail + ")"),
         "start the proxy, or " + fix_proxy(facts));
    return true;
  }
  return false;
}

void diagnose_transfer(const TransferFacts& facts, ConnectivityReport& report) {
  const std::string through = facts.via_proxy ? " through the proxy " + facts.proxy : "";
  const std::string detail = facts.curl_detail.empty() ? "" : ": " + facts.curl_detail;
  switch (facts.code) {
    case CURLE_COULDNT_RESOLVE_HOST:
      return fail(report, F::dns, "the name in " + facts.host + " does not resolve",
                  "check the network connection and DNS; behind a proxy, set it (settings.json "
                  "or https_proxy) so the proxy resolves names");
    case CURLE_COULDNT_CONNECT:
      return fail(report, F::refused, facts.host + " refused the connection" + detail,
                  "check that a server listens at " + facts.host + ", and any firewall");
    case CURLE_OPERATION_TIMEDOUT:
      return fail(report, F::timeout,
                  "no answer from " + facts.host + through + " within " +
                      std::to_string(facts.timeout_ms) + " ms",
                  "check the network connection; if this network needs a proxy, set it in "
                  "settings.json or https_proxy");
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
      return fail(report, F::tls, "TLS with " + facts.host + through + " failed" + detail,
                  "if a TLS-inspecting proxy or firewall is in the way, add its CA to the system "
                  "trust store (or point SSL_CERT_FILE at it); check the machine's clock");
    case CURLE_ABORTED_BY_CALLBACK:
      return fail(report, F::cancelled, "the check was cancelled: the runtime is stopping",
                  "run `postern doctor` again");
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
      return fail(report, F::reset,
                  "the connection to " + facts.host + through + " broke before an answer" + detail,
                  "check the network connection, firewall or proxy");
    default:
      return fail(report, F::other, "reaching " + facts.host + through + " failed" + detail,
                  "check the network connection and the proxy settings");
  }
}

}  // namespace

void diagnose(const TransferFacts& facts, ConnectivityReport& report) {
  report.http_status = facts.http_status ? facts.http_status : facts.connect_status;
  if (facts.via_proxy && diagnose_proxy(facts, report)) return;
  if (facts.code == CURLE_OK) {
    report.ok = true;
    report.failure = F::none;
    report.message = "reached " + facts.host + (facts.via_proxy ? " through " + facts.proxy : "") +
                     ": HTTP " + std::to_string(facts.http_status);
    report.remedy.clear();
    return;
  }
  diagnose_transfer(facts, report);
}

}  // namespace postern::requester
