#pragma once
// An owned libcurl easy handle, with libcurl's global set-up done once per process before the
// first handle (curl_global_init is not safe to race with other threads' handles).

#include <memory>

#include <curl/curl.h>

namespace postern::requester {

/// Deletes an easy handle.
struct CurlEasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};

/// An easy handle; null when libcurl could not make one (out of memory).
using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;

/// A fresh easy handle, after libcurl's one-time global set-up.
CurlEasy make_curl_easy();

}  // namespace postern::requester
