#include "runtime/requester/curl_easy.hpp"

#include <mutex>

namespace postern::requester {

CurlEasy make_curl_easy() {
  static std::once_flag initialised;
  std::call_once(initialised, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  return CurlEasy(curl_easy_init());
}

}  // namespace postern::requester
