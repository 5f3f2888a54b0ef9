#include "runtime/requester/redirects.hpp"

#include <curl/curl.h>

#include <memory>

#include "runtime/requester/curl_easy.hpp"

namespace postern::requester {
namespace {

struct CurlUrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};

void drop_body(auth::HttpRequest& request) {
  request.body.clear();
  for (auto name : {"Content-Type", "Content-Length", "Content-Encoding", "Transfer-Encoding"}) {
    auth::remove_header(request.headers, name);
  }
}

}  // namespace

bool is_followed_redirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

std::optional<std::string> resolve_location(std::string_view base_url, std::string_view location) {
  if (location.empty()) return std::nullopt;
  (void)make_curl_easy();  // libcurl's global set-up, once
  std::unique_ptr<CURLU, CurlUrlDeleter> url(curl_url());
  if (!url) return std::nullopt;
  std::string base(base_url);
  std::string relative(location);
  // Setting a URL on a handle that has one resolves it as a reference against it (RFC 3986).
  if (curl_url_set(url.get(), CURLUPART_URL, base.c_str(), 0) != CURLUE_OK ||
      curl_url_set(url.get(), CURLUPART_URL, relative.c_str(), CURLU_URLENCODE) != CURLUE_OK) {
    return std::nullopt;
  }
  char* scheme = nullptr;
  char* full = nullptr;
  std::optional<std::string> resolved;
  if (curl_url_get(url.get(), CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
      (std::string_view(scheme) == "http" || std::string_view(scheme) == "https") &&
      curl_url_get(url.get(), CURLUPART_URL, &full, 0) == CURLUE_OK) {
    resolved = full;
  }
  curl_free(scheme);
  curl_free(full);
  return resolved;
}

auth::HttpRequest redirected_request(const auth::HttpRequest& previous, int status,
                                     std::string next_url, bool keep_method) {
  auth::HttpRequest next = previous;
  next.url = std::move(next_url);
  bool to_get = (status == 303 && previous.method != "HEAD") ||
                ((status == 301 || status == 302) && previous.method == "POST" && !keep_method);
  if (to_get) {
    next.method = "GET";
    drop_body(next);
  }
  return next;
}

}  // namespace postern::requester
