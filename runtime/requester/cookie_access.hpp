#pragma once
// How the requester reaches a cookie jar: the Cookie header for a URL, and the Set-Cookie lines
// a response to a URL brought. One interface, so `postern send` can use the jar file directly
// or, while the runtime owns the jar, the runtime's control API.

#include <memory>
#include <string>
#include <vector>

#include "runtime/cookies/cookie_jar_service.hpp"

namespace postern::requester {

class CookieAccess {
 public:
  virtual ~CookieAccess() = default;
  /// The Cookie header value for a request to `url`; empty when none applies.
  virtual std::string cookie_header_for(const std::string& url) = 0;
  /// Stores the Set-Cookie values of a response to `url`; returns how many were stored
  /// (refused ones are skipped: a browser would ignore them too).
  virtual std::size_t store(const std::string& url,
                            const std::vector<std::string>& set_cookies) = 0;
};

/// The jar of a CookieJarService (cookies.json), saved after each store that changed it.
class JarCookieAccess final : public CookieAccess {
 public:
  explicit JarCookieAccess(cookies::CookieJarService& service) : service_(service) {}
  std::string cookie_header_for(const std::string& url) override;
  std::size_t store(const std::string& url, const std::vector<std::string>& set_cookies) override;

 private:
  cookies::CookieJarService& service_;
};

}  // namespace postern::requester
