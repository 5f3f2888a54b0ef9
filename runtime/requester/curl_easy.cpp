#include "runtime/requester/curl_easy.hpp"

#include <mutex>

namespace postern::requester {

CurlEasy make_curl_easy() {
  static std::once_flag initialised;
  std::call_once(initialised, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  return CurlEasy(curl_easy_init());
}

void use_proxy(CURL* curl, const ResolvedProxy& proxy) {
  curl_easy_setopt(curl, CURLOPT_PROXY, proxy.route.direct ? "" : proxy.route.proxy_url.c_str());
  if (proxy.route.direct || proxy.credentials.username.empty()) return;
  curl_easy_setopt(curl, CURLOPT_PROXYUSERNAME, proxy.credentials.username.c_str());
  curl_easy_setopt(curl, CURLOPT_PROXYPASSWORD, proxy.credentials.password.c_str());
  curl_easy_setopt(curl, CURLOPT_PROXYAUTH, CURLAUTH_BASIC | CURLAUTH_DIGEST | CURLAUTH_NTLM);
}

}  // namespace postern::requester
