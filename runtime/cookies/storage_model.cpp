#include "runtime/cookies/storage_model.hpp"

#include "runtime/cookies/ascii.hpp"
#include "runtime/cookies/domain_match.hpp"
#include "runtime/cookies/path_match.hpp"

namespace postern::cookies {

namespace {

base::Error refused(errc reason, const SetCookie& set_cookie, const RequestContext& request) {
  return refusal(reason, set_cookie.name, request);
}

// §5.3 steps 4-6: which domain the cookie belongs to, and whether it is host-only.
std::error_code apply_domain(const SetCookie& set_cookie, const RequestContext& request,
                             const PublicSuffixList& suffixes, Cookie& cookie) {
  const std::string host = canonical_host(request.host);
  cookie.domain = host;
  cookie.host_only = true;
  if (host.empty() || !is_host_text(host)) return errc::domain_mismatch;
  if (!set_cookie.domain) return {};
  const std::string& domain = *set_cookie.domain;
  // RFC 6265bis §5.7: no IDNA here, so a non-ASCII Domain could never match an A-label host.
  if (ascii::has_non_ascii(domain)) return errc::domain_not_ascii;
  // Step 5: a public suffix only for the host that is that suffix, and then host-only.
  if (suffixes.is_public_suffix(domain))
    return domain == host ? std::error_code{} : errc::public_suffix;
  // Step 6: the host must be inside the Domain, or anyone could set cookies for anyone.
  if (!domain_match(host, domain)) return errc::domain_mismatch;
  cookie.domain = domain;
  cookie.host_only = false;
  return {};
}

// RFC 6265bis §4.1.3: the prefixes, matched ignoring case as the latest draft and Chrome do.
std::error_code check_prefix(const SetCookie& set_cookie, const Cookie& cookie) {
  const bool secure_prefix = ascii::istarts_with(cookie.name, "__secure-");
  const bool host_prefix = ascii::istarts_with(cookie.name, "__host-");
  if ((secure_prefix || host_prefix) && !cookie.secure) return errc::invalid_prefix;
  // __Host-: bound to exactly one origin, so host-only (no Domain that took effect) and an
  // explicit Path=/.
  if (host_prefix && (!cookie.host_only || set_cookie.path != "/")) return errc::invalid_prefix;
  return {};
}

std::error_code check_same_site(const Cookie& cookie, const RequestContext& request) {
  // RFC 6265bis §5.7: SameSite=None without Secure is refused (Chrome since 2020).
  if (cookie.same_site == SameSite::none && !cookie.secure) return errc::same_site_none_insecure;
  // A cross-site subrequest may only set None cookies; a top-level navigation may set any.
  if (request.site == SiteContext::cross_site && cookie.same_site != SameSite::none &&
      !request.top_level_navigation)
    return errc::cross_site_blocked;
  return {};
}

}  // namespace

base::Result<Cookie> make_cookie(const SetCookie& set_cookie, const RequestContext& request,
                                 const PublicSuffixList& suffixes, Time now) {
  Cookie cookie;
  cookie.name = set_cookie.name;
  cookie.value = set_cookie.value;
  cookie.expires = set_cookie.expires;
  cookie.created = now;
  cookie.last_access = now;
  cookie.secure = set_cookie.secure;
  cookie.http_only = set_cookie.http_only;
  cookie.same_site = set_cookie.same_site;
  // Step 7: no Path (or a bad one) means the default path of the request.
  cookie.path =
      set_cookie.path && !set_cookie.path->empty() ? *set_cookie.path : default_path(request.path);

  if (auto problem = apply_domain(set_cookie, request, suffixes, cookie))
    return refused(static_cast<errc>(problem.value()), set_cookie, request);
  // RFC 6265bis: a Secure cookie only from a secure context, so http:// cannot plant one.
  if (cookie.secure && !request.secure())
    return refused(errc::secure_from_insecure, set_cookie, request);
  // Step 10: scripts may not set HttpOnly cookies.
  if (cookie.http_only && !request.http_api)
    return refused(errc::http_only_from_script, set_cookie, request);
  if (auto problem = check_same_site(cookie, request))
    return refused(static_cast<errc>(problem.value()), set_cookie, request);
  if (auto problem = check_prefix(set_cookie, cookie))
    return refused(static_cast<errc>(problem.value()), set_cookie, request);
  return cookie;
}

std::error_code check_stored_cookie(const Cookie& cookie, const PublicSuffixList& suffixes) {
  if (auto problem = check_name_value(cookie.name, cookie.value)) return problem;
  if (cookie.domain.empty() || cookie.domain.starts_with('.')) return errc::empty_domain;
  if (ascii::has_non_ascii(cookie.domain)) return errc::domain_not_ascii;
  if (!is_host_text(cookie.domain) || ascii::has_forbidden_control(cookie.path) ||
      cookie.path.find(';') != std::string::npos)
    return errc::invalid_character;
  if (cookie.domain.size() > kMaxAttributeValueBytes ||
      cookie.path.size() > kMaxAttributeValueBytes)
    return errc::attribute_too_long;
  if (!cookie.host_only && suffixes.is_public_suffix(cookie.domain)) return errc::public_suffix;
  if (!cookie.path.starts_with('/')) return errc::bad_path;
  if (cookie.same_site == SameSite::none && !cookie.secure) return errc::same_site_none_insecure;
  const bool host_prefix = ascii::istarts_with(cookie.name, "__host-");
  if ((host_prefix || ascii::istarts_with(cookie.name, "__secure-")) && !cookie.secure)
    return errc::invalid_prefix;
  if (host_prefix && (!cookie.host_only || cookie.path != "/")) return errc::invalid_prefix;
  return {};
}

base::Error refusal(errc reason, std::string_view name, const RequestContext& request) {
  return base::Error{
      make_error_code(reason),
      make_error_code(reason).message() + ": cookie \"" + ascii::printable(name, 80) + "\" from " +
          ascii::printable(request.scheme, 16) + "://" + ascii::printable(request.host, 80),
      ""};
}

bool shadows_secure_cookie(const Cookie& candidate, const Cookie& existing) {
  return existing.secure && existing.name == candidate.name &&
         (domain_match(existing.domain, candidate.domain) ||
          domain_match(candidate.domain, existing.domain)) &&
         path_match(candidate.path, existing.path);
}

}  // namespace postern::cookies
