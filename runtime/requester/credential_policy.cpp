#include "runtime/requester/credential_policy.hpp"

#include "base/url.hpp"

namespace postern::requester {

bool may_send_sensitive(std::string_view to_url, std::string_view original_url,
                        SensitivePolicy policy) {
  auto to = base::parse_url(to_url);
  auto original = base::parse_url(original_url);
  if (!to || !original) return false;
  const auto& a = to.value();
  const auto& b = original.value();
  if (a.scheme == b.scheme && a.host == b.host && a.port == b.port) return true;
  if (policy != SensitivePolicy::any_host) return false;
  bool downgrade = b.scheme == "https" && a.scheme != "https";
  return !downgrade;
}

}  // namespace postern::requester
