#include "runtime/requester/connectivity.hpp"

#include "runtime/requester/connectivity_diagnosis.hpp"
#include "runtime/requester/curl_easy.hpp"
#include "runtime/requester/runtime_settings.hpp"

#ifndef POSTERN_RUNTIME_VERSION
#define POSTERN_RUNTIME_VERSION "0.0.0"  // set by runtime/requester/CMakeLists.txt
#endif

namespace postern::requester {

namespace {

using Clock = std::chrono::steady_clock;

// libcurl calls this while the transfer runs; non-zero aborts it (CURLE_ABORTED_BY_CALLBACK).
int abort_when_cancelled(void* cancel, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* flag = static_cast<const std::atomic<bool>*>(cancel);
  return flag && flag->load() ? 1 : 0;
}

// A HEAD has no body; anything a broken server sends anyway is dropped.
size_t discard(char*, size_t size, size_t count, void*) {
  return size * count;
}

void set_options(CURL* curl, const ConnectivityRequest& request, const std::atomic<bool>* cancel,
                 char* error_buffer) {
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // we run on a worker thread
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "postern-runtime/" POSTERN_RUNTIME_VERSION);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, abort_when_cancelled);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, cancel);
  if (!request.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, request.ca_file.c_str());
  if (!request.ca_dir.empty()) curl_easy_setopt(curl, CURLOPT_CAPATH, request.ca_dir.c_str());
  use_proxy(curl, request.proxy);
}

ConnectivityReport settings_failure(const std::string& url, const base::Error& error) {
  ConnectivityReport report;
  report.url = url;
  report.failure = ConnectivityFailure::settings;
  report.message = error.message;
  report.remedy = error.remedy;
  return report;
}

}  // namespace

std::string_view to_string(ConnectivityFailure failure) {
  switch (failure) {
    case ConnectivityFailure::none:
      return "none";
    case ConnectivityFailure::settings:
      return "settings";
    case ConnectivityFailure::bad_url:
      return "bad_url";
    case ConnectivityFailure::proxy_dns:
      return "proxy_dns";
    case ConnectivityFailure::proxy_refused:
      return "proxy_refused";
    case ConnectivityFailure::proxy_auth:
      return "proxy_auth";
    case ConnectivityFailure::proxy_denied:
      return "proxy_denied";
    case ConnectivityFailure::proxy_upstream:
      return "proxy_upstream";
    case ConnectivityFailure::dns:
      return "dns";
    case ConnectivityFailure::refused:
      return "refused";
    case ConnectivityFailure::timeout:
      return "timeout";
    case ConnectivityFailure::tls:
      return "tls";
    case ConnectivityFailure::reset:
      return "reset";
    case ConnectivityFailure::cancelled:
      return "cancelled";
    case ConnectivityFailure::other:
      return "other";
  }
  return "other";
}

nlohmann::json to_json(const ConnectivityReport& report) {
  return {{"ok", report.ok},
          {"url", report.url},
          {"via", report.via},
          {"route", report.route},
          {"http_status", report.http_status},
          {"failure", to_string(report.failure)},
          {"message", report.message},
          {"remedy", report.remedy},
          {"elapsed_ms", report.elapsed_ms}};
}

ConnectivityReport check_connectivity(const ConnectivityRequest& request,
                                      const std::atomic<bool>* cancel) {
  ConnectivityReport report;
  report.url = base::redact_credentials(request.url);
  report.via = request.proxy.route.direct ? "direct"
                                          : base::redact_credentials(request.proxy.route.proxy_url);
  report.route = request.proxy.route.source;
  auto target = base::parse_url(request.url);
  if (!target) {
    report.failure = ConnectivityFailure::bad_url;
    report.message = target.error().message;
    report.remedy = "set connectivity.url in settings.json to an http:// or https:// URL";
    return report;
  }
  auto curl = make_curl_easy();
  if (!curl) {
    report.failure = ConnectivityFailure::other;
    report.message = "libcurl could not start a transfer (out of memory?)";
    return report;
  }
  char error_buffer[CURL_ERROR_SIZE] = {};
  set_options(curl.get(), request, cancel, error_buffer);
  const auto started = Clock::now();
  TransferFacts facts;
  facts.code = curl_easy_perform(curl.get());
  report.elapsed_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &facts.http_status);
  curl_easy_getinfo(curl.get(), CURLINFO_HTTP_CONNECTCODE, &facts.connect_status);
  facts.curl_detail = error_buffer[0] ? error_buffer : curl_easy_strerror(facts.code);
  if (facts.code == CURLE_OK) facts.curl_detail.clear();
  facts.via_proxy = !request.proxy.route.direct;
  facts.credentials_sent = !request.proxy.credentials.username.empty();
  facts.proxy = report.via;
  facts.host = base::authority_of(target.value());
  facts.route = report.route;
  facts.timeout_ms = request.timeout.count();
  diagnose(facts, report);
  return report;
}

ConnectivityReport run_connectivity_check(const std::filesystem::path& config_dir,
                                          const base::Environment& env,
                                          const std::optional<std::string>& url_override,
                                          const std::atomic<bool>* cancel) {
  const auto file = settings_file(config_dir);
  auto settings = load_runtime_settings(file);
  if (!settings) return settings_failure(url_override.value_or(""), settings.error());
  ConnectivityRequest request;
  request.url = url_override.value_or(settings.value().connectivity.url);
  request.timeout = settings.value().connectivity.timeout;
  request.ca_file = env("SSL_CERT_FILE").value_or("");
  request.ca_dir = env("SSL_CERT_DIR").value_or("");
  if (auto target = base::parse_url(request.url); target)
    request.proxy = resolve_proxy(settings.value().proxy, live_proxy_sources(env), target.value());
  ConnectivityReport report = check_connectivity(request, cancel);
  // The doctor checks a URL from settings.json, so a refused one may just be the wrong URL.
  if (report.failure == ConnectivityFailure::refused) {
    report.remedy +=
        "; or set connectivity.url in settings.json to a server this network can reach";
  }
  return report;
}

}  // namespace postern::requester
