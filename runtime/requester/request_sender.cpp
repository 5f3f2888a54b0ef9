#include "runtime/requester/request_sender.hpp"

#include "base/url.hpp"
#include "runtime/requester/connectivity_diagnosis.hpp"
#include "runtime/requester/cookie_access.hpp"
#include "runtime/requester/curl_easy.hpp"
#include "runtime/requester/curl_leg.hpp"
#include "runtime/requester/redirects.hpp"
#include "runtime/requester/send_errc.hpp"

namespace postern::requester {
namespace {

// One send in progress: the legs so far and the state that decides the next one.
class SendLoop {
 public:
  SendLoop(auth::AuthScheme& scheme, const SendOptions& options, std::string original_url)
      : scheme_(scheme), options_(options), original_url_(std::move(original_url)) {}

  base::Result<SendResult> run(CURL* curl, auth::HttpRequest request);

 private:
  auth::HttpRequest prepare(const auth::HttpRequest& request, bool credentials_allowed);
  LegSettings settings_for(const std::string& url) const;
  base::Error transport_error(const LegOutcome& leg, const std::string& url,
                              const LegSettings& settings) const;
  void record(auth::HttpRequest sent, LegOutcome& leg);
  void switch_origin(const std::string& next_url, const std::string& current_url);

  auth::AuthScheme& scheme_;
  const SendOptions& options_;
  std::string original_url_;
  SendResult result_;
};

std::string origin_of(const std::string& url) {
  auto parts = base::parse_url(url);
  if (!parts) return url;
  return parts.value().scheme + "://" + base::authority_of(parts.value());
}

auth::HttpRequest SendLoop::prepare(const auth::HttpRequest& request, bool credentials_allowed) {
  auth::HttpRequest outgoing = request;
  if (!credentials_allowed) {
    // Credentials the caller typed were meant for the first origin, not this one.
    auth::remove_header(outgoing.headers, "Authorization");
    auth::remove_header(outgoing.headers, "Cookie");
  }
  if (options_.cookies) {
    std::string jar = options_.cookies->cookie_header_for(outgoing.url);
    if (!jar.empty()) {
      auto typed = auth::find_header(outgoing.headers, "Cookie");
      auth::set_header(outgoing.headers, "Cookie", typed ? *typed + "; " + jar : jar);
    }
  }
  return outgoing;
}

LegSettings SendLoop::settings_for(const std::string& url) const {
  LegSettings settings;
  if (options_.proxy) settings.proxy = options_.proxy(url);
  settings.timeout = options_.timeout;
  settings.verify_tls = options_.verify_tls;
  settings.ca_file = options_.ca_file;
  settings.ca_dir = options_.ca_dir;
  settings.user_agent = options_.user_agent;
  return settings;
}

base::Error SendLoop::transport_error(const LegOutcome& leg, const std::string& url,
                                      const LegSettings& settings) const {
  TransferFacts facts;
  facts.code = leg.code;
  facts.http_status = leg.response.status;
  facts.connect_status = leg.connect_status;
  facts.curl_detail = leg.error_detail;
  facts.via_proxy = !settings.proxy.route.direct;
  facts.credentials_sent = !settings.proxy.credentials.username.empty();
  facts.proxy = base::redact_credentials(settings.proxy.route.proxy_url);
  auto parts = base::parse_url(url);
  facts.host = parts ? base::authority_of(parts.value()) : url;
  facts.route = settings.proxy.route.source;
  facts.timeout_ms = settings.timeout.count();
  ConnectivityReport report;
  report.url = url;
  diagnose(facts, report);
  return base::Error{send_errc::transport, report.message, report.remedy};
}

// Keeps the leg (without its body, which only the last leg returns) and stores its cookies.
void SendLoop::record(auth::HttpRequest sent, LegOutcome& leg) {
  if (options_.cookies) {
    options_.cookies->store(sent.url, auth::all_headers(leg.response.headers, "Set-Cookie"));
  }
  Leg recorded{
      std::move(sent), leg.response,  leg.http_version, leg.reason, std::move(leg.raw_request_head),
      leg.body.size(), leg.elapsed_ms};
  result_.elapsed_ms += leg.elapsed_ms;
  result_.legs.push_back(std::move(recorded));
}

void SendLoop::switch_origin(const std::string& next_url, const std::string& current_url) {
  // What a scheme learned from one server (a nonce, an NTLM handshake) is not for another.
  if (origin_of(next_url) != origin_of(current_url)) scheme_.reset();
}

base::Result<SendResult> SendLoop::run(CURL* curl, auth::HttpRequest request) {
  int auth_rounds = 0;
  int redirects = 0;
  while (true) {
    bool credentials_allowed = may_send_sensitive(request.url, original_url_, options_.sensitive);
    auth::HttpRequest outgoing = prepare(request, credentials_allowed);
    if (credentials_allowed) {
      auto applied = scheme_.create_response(outgoing);
      if (!applied)
        return base::Error{send_errc::auth, applied.error().message, applied.error().remedy};
    }
    LegSettings settings = settings_for(outgoing.url);
    LegOutcome leg = perform_leg(curl, outgoing, settings);
    if (leg.code != CURLE_OK) return transport_error(leg, outgoing.url, settings);
    record(outgoing, leg);
    const auth::ResponseHead& head = result_.legs.back().response;
    int status = head.status;

    if (status == 401 && options_.answer_challenges && credentials_allowed &&
        auth_rounds < options_.max_auth_rounds) {
      auto answer = scheme_.decode_challenge(outgoing, head);
      if (!answer)
        return base::Error{send_errc::auth, answer.error().message, answer.error().remedy};
      if (answer.value() == auth::ChallengeAnswer::retry) {
        ++auth_rounds;
        continue;
      }
    }
    auto location = auth::find_header(head.headers, "Location");
    if (options_.follow_redirects && is_followed_redirect(status) && location) {
      if (auto next = resolve_location(request.url, *location)) {
        if (++redirects > options_.max_redirects) {
          return base::Error{send_errc::too_many_redirects,
                             "stopped after " + std::to_string(options_.max_redirects) +
                                 " redirects (last to " + *next + ")",
                             "check the server's redirects, or raise --max-redirects"};
        }
        switch_origin(*next, request.url);
        request = redirected_request(request, status, *next, options_.follow_original_method);
        auth_rounds = 0;
        continue;
      }
    }
    result_.response = head;
    result_.body = std::move(leg.body);
    result_.body_bytes = result_.body.size();
    result_.final_url = request.url;
    return std::move(result_);
  }
}

}  // namespace

base::Result<SendResult> send_request(auth::HttpRequest request, auth::AuthScheme& scheme,
                                      const SendOptions& options) {
  CurlEasy curl = make_curl_easy();
  if (!curl) return base::Error{send_errc::no_handle, "libcurl could not start a transfer", {}};
  std::string original_url = request.url;
  SendLoop loop(scheme, options, std::move(original_url));
  return loop.run(curl.get(), std::move(request));
}

}  // namespace postern::requester
