#pragma once
// The requester's cookie jar while the runtime runs: the runtime holds the jar in memory and
// saves cookies.json itself, so `postern send` and `postern run` go through its control API
// rather than writing the file behind its back (their cookies would be lost at its next save).

#include <memory>

#include "runtime/control/client/control_api.hpp"
#include "runtime/requester/cookie_access.hpp"

namespace postern::cli {

class RuntimeCookieAccess final : public requester::CookieAccess {
 public:
  explicit RuntimeCookieAccess(std::unique_ptr<control_client::ControlApi> api)
      : api_(std::move(api)) {}
  std::string cookie_header_for(const std::string& url) override;
  std::size_t store(const std::string& url, const std::vector<std::string>& set_cookies) override;

  /// Does the runtime answer the cookie routes? (A control file can outlive its runtime.)
  bool reachable();

 private:
  std::unique_ptr<control_client::ControlApi> api_;
};

}  // namespace postern::cli
