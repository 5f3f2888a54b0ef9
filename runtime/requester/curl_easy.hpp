#pragma once
// An owned libcurl easy handle, with libcurl's global set-up done once per process before the
// first handle (curl_global_init is not safe to race with other threads' handles), and the
// proxy set-up every handle of the requester and the connectivity check shares.

#include <memory>

#include <curl/curl.h>

#include "runtime/requester/proxy_settings.hpp"

namespace postern::requester {

/// Deletes an easy handle.
struct CurlEasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};

/// An easy handle; null when libcurl could not make one (out of memory).
using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;

/// A fresh easy handle, after libcurl's one-time global set-up.
CurlEasy make_curl_easy();

/// Routes `curl`'s request as `proxy` says: through its proxy, or direct with an explicit ""
/// so that libcurl never reads the environment on its own (resolve_proxy() has decided). With
/// credentials, a proxy that answers 407 gets Basic, Digest or NTLM (a corporate proxy's
/// usual; the user name as DOMAIN\user), whichever it offers is safest (curl's
/// --proxy-anyauth, narrowed to the schemes tested against proxies on loopback). Preemptive
/// Basic would fail against a proxy that takes only Digest or NTLM, and would send the password
/// in clear before the proxy asked; the cost is one request without credentials per
/// connection, which the proxy answers with its challenge.
void use_proxy(CURL* curl, const ResolvedProxy& proxy);

}  // namespace postern::requester
