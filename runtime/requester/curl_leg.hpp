#pragma once
// One round trip with libcurl: a fully prepared request (auth and cookies applied) goes out on
// the given easy handle, and the status line, headers and body come back, with the request head
// exactly as libcurl wrote it. libcurl's own redirect following and auth are off: the sender
// decides those, so the credential rule and the schemes stay in our code. Reusing one handle
// keeps the connection, which NTLM needs between its legs.

#include <curl/curl.h>

#include <chrono>
#include <string>

#include "runtime/auth/http_message.hpp"
#include "runtime/requester/proxy_settings.hpp"

namespace postern::requester {

struct LegSettings {
  ResolvedProxy proxy;
  std::chrono::milliseconds timeout{30000};
  bool verify_tls = true;
  std::string ca_file;
  std::string ca_dir;
  std::string user_agent;
};

struct LegOutcome {
  CURLcode code = CURLE_OK;
  std::string error_detail;     ///< libcurl's error buffer
  long connect_status = 0;      ///< the proxy's CONNECT answer, when there was one
  auth::ResponseHead response;  ///< the final (non-1xx) response's status and headers
  std::string http_version;     ///< "HTTP/1.1"
  std::string reason;           ///< the reason phrase
  std::string body;
  std::string raw_request_head;  ///< as written on the wire ("GET / HTTP/1.1\r\nHost: ...")
  long long elapsed_ms = 0;
};

/// Sends `request` on `curl` (curl_easy_reset first: options never leak between legs).
LegOutcome perform_leg(CURL* curl, const auth::HttpRequest& request, const LegSettings& settings);

}  // namespace postern::requester
