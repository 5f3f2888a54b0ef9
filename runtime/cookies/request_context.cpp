#include "runtime/cookies/request_context.hpp"

#include "base/url.hpp"
#include "runtime/cookies/domain_match.hpp"

namespace postern::cookies {

bool RequestContext::secure() const {
  return scheme == "https" || scheme == "wss" || is_loopback_host(host);
}

base::Result<RequestContext> request_context_from_url(std::string_view url) {
  auto parts = base::parse_url(url);
  if (!parts) return parts.error();
  RequestContext context;
  context.scheme = parts.value().scheme;
  context.host = canonical_host(parts.value().host);
  // The path starts after "scheme://authority" and ends at the query or the fragment.
  const std::string_view rest = url.substr(url.find("://") + 3);
  const auto slash = rest.find_first_of("/?#");
  if (slash != std::string_view::npos && rest[slash] == '/') {
    const std::string_view path = rest.substr(slash);
    context.path = std::string(path.substr(0, path.find_first_of("?#")));
  }
  return context;
}

}  // namespace postern::cookies
