#include "runtime/cookies/cookie_jar.hpp"

#include <algorithm>
#include <tuple>

#include "runtime/cookies/ascii.hpp"
#include "runtime/cookies/cookie_header.hpp"
#include "runtime/cookies/domain_match.hpp"
#include "runtime/cookies/path_match.hpp"
#include "runtime/cookies/storage_model.hpp"

namespace postern::cookies {

namespace {

// A domain as a user types it: any case, maybe with the leading dot of a domain cookie.
std::string domain_filter(std::string_view domain) {
  if (domain.starts_with('.')) domain.remove_prefix(1);
  return canonical_host(domain);
}

// RFC 6265bis §5.8.3: SameSite on retrieval. Only browser traffic has a site context; for the
// requester (unknown) every cookie goes, as a user replaying a request expects. A cookie without
// SameSite is treated as Lax, as Chrome does ("Lax by default").
bool same_site_allows(const Cookie& cookie, const RequestContext& request) {
  if (request.site != SiteContext::cross_site || cookie.same_site == SameSite::none) return true;
  if (cookie.same_site == SameSite::strict) return false;
  return request.top_level_navigation && request.safe_method;
}

// RFC 6265 §5.4 step 1: the cookies that go with a request to `host`.
bool sent_with(const Cookie& cookie, const RequestContext& request, std::string_view host) {
  const bool host_ok = cookie.host_only ? host == cookie.domain : domain_match(host, cookie.domain);
  // An empty path (a URL such as "https://example.com") is the path "/".
  const std::string_view path =
      request.path.starts_with('/') ? std::string_view(request.path) : std::string_view("/");
  return host_ok && path_match(path, cookie.path) && (!cookie.secure || request.secure()) &&
         (!cookie.http_only || request.http_api) && same_site_allows(cookie, request);
}

base::Error add_refused(std::error_code reason, const CookieSpec& spec) {
  return base::Error{reason,
                     "cannot add cookie \"" + ascii::printable(spec.name, 80) + "\" for " +
                         ascii::printable(spec.domain, 80) + ": " + reason.message(),
                     "correct the cookie and add it again"};
}

}  // namespace

Time CookieJar::system_now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

CookieJar::CookieJar(Clock clock, const PublicSuffixList& suffixes)
    : clock_(std::move(clock)), suffixes_(suffixes) {}

base::Result<StoreResult> CookieJar::store(const RequestContext& request,
                                           std::string_view set_cookie) {
  std::lock_guard lock(mutex_);
  const Time now = clock_();
  auto parsed = parse_set_cookie(set_cookie, now);
  if (!parsed) return parsed.error();
  return store_locked(request, parsed.value(), now);
}

base::Result<StoreResult> CookieJar::store(const RequestContext& request,
                                           const SetCookie& set_cookie) {
  std::lock_guard lock(mutex_);
  return store_locked(request, set_cookie, clock_());
}

base::Result<StoreResult> CookieJar::store_locked(const RequestContext& request,
                                                  const SetCookie& set_cookie, Time now) {
  auto made = make_cookie(set_cookie, request, suffixes_, now);
  if (!made) return made.error();
  Cookie cookie = std::move(made).value();
  sweep_expired_locked(now);
  // RFC 6265bis §5.7: http:// may not overwrite, delete or shadow a Secure cookie.
  if (!cookie.secure && !request.secure()) {
    for (const Entry& entry : entries_)
      if (shadows_secure_cookie(cookie, entry.cookie))
        return refusal(errc::would_shadow_secure, cookie.name, request);
  }
  StoreResult result{StoreAction::added, {}, set_cookie.notes};
  auto old = std::find_if(entries_.begin(), entries_.end(),
                          [&](const Entry& e) { return e.cookie.same_identity(cookie); });
  const bool replacing = old != entries_.end();
  // §5.3 step 11: a script may not replace an HttpOnly cookie.
  if (replacing && !request.http_api && old->cookie.http_only)
    return refusal(errc::http_only_from_script, cookie.name, request);
  // §5.3 step 12 and RFC 6265bis: an expired cookie is not stored, so a past Expires deletes.
  if (cookie.expired(now)) {
    result.action = replacing ? StoreAction::deleted : StoreAction::expired_ignored;
    if (replacing) {
      entries_.erase(old);
      ++generation_;
    }
  } else {
    result.action = replacing ? StoreAction::replaced : StoreAction::added;
    upsert_locked(cookie);
  }
  result.cookie = std::move(cookie);
  return result;
}

// A replacement takes the old cookie's place: its creation time and its position, so the order
// cookies are sent in does not change when only their values do.
void CookieJar::upsert_locked(Cookie& cookie) {
  auto old = std::find_if(entries_.begin(), entries_.end(),
                          [&](const Entry& e) { return e.cookie.same_identity(cookie); });
  if (old == entries_.end()) return insert_locked(cookie);
  cookie.created = old->cookie.created;
  old->cookie = cookie;
  ++generation_;
}

void CookieJar::insert_locked(Cookie cookie) {
  std::string site = suffixes_.registrable_domain(cookie.domain);
  const std::uint64_t sequence = next_sequence_++;
  entries_.push_back({std::move(cookie), std::move(site), sequence});
  ++generation_;
  enforce_limits_locked(sequence);
}

void CookieJar::sweep_expired_locked(Time now) {
  if (std::erase_if(entries_, [&](const Entry& e) { return e.cookie.expired(now); }) > 0)
    ++generation_;
}

void CookieJar::enforce_limits_locked(std::uint64_t keep_sequence) {
  const Entry& newest = entries_.back();
  const std::string site = newest.site;
  auto in_site = [&](const Entry& e) { return e.site == site; };
  auto site_count =
      static_cast<std::size_t>(std::count_if(entries_.begin(), entries_.end(), in_site));
  for (; site_count > kMaxCookiesPerSite; --site_count)
    evict_oldest_locked(site, keep_sequence);
  while (entries_.size() > kMaxCookies)
    evict_oldest_locked({}, keep_sequence);
}

// The least recently used cookie goes first, as in Chrome and Firefox; `site` empty means any.
// The cookie just stored is never the one evicted.
void CookieJar::evict_oldest_locked(std::string_view site, std::uint64_t keep_sequence) {
  auto oldest = entries_.end();
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->sequence == keep_sequence || (!site.empty() && it->site != site)) continue;
    if (oldest == entries_.end() || std::tie(it->cookie.last_access, it->sequence) <
                                        std::tie(oldest->cookie.last_access, oldest->sequence))
      oldest = it;
  }
  if (oldest == entries_.end()) return;
  entries_.erase(oldest);
  ++generation_;
}

std::vector<Cookie> CookieJar::cookies_for(const RequestContext& request) {
  std::lock_guard lock(mutex_);
  const Time now = clock_();
  sweep_expired_locked(now);
  const std::string host = canonical_host(request.host);
  std::vector<Entry*> matched;
  for (Entry& entry : entries_) {
    if (!sent_with(entry.cookie, request, host)) continue;
    entry.cookie.last_access = now;  // §5.4 step 3; not a change worth a save on its own
    matched.push_back(&entry);
  }
  // §5.4 step 2: longer paths first, then earlier creation times first.
  std::sort(matched.begin(), matched.end(), [](const Entry* a, const Entry* b) {
    const auto a_path = a->cookie.path.size(), b_path = b->cookie.path.size();
    return std::tie(b_path, a->cookie.created, a->sequence) <
           std::tie(a_path, b->cookie.created, b->sequence);
  });
  std::vector<Cookie> cookies;
  cookies.reserve(matched.size());
  for (const Entry* entry : matched)
    cookies.push_back(entry->cookie);
  return cookies;
}

std::string CookieJar::cookie_header_for(const RequestContext& request) {
  return format_cookie_header(cookies_for(request));
}

std::vector<Cookie> CookieJar::list(std::string_view domain) const {
  const std::string filter = domain_filter(domain);
  std::lock_guard lock(mutex_);
  const Time now = clock_();
  std::vector<Cookie> found;
  for (const Entry& entry : entries_)
    if (!entry.cookie.expired(now) && (filter.empty() || domain_match(entry.cookie.domain, filter)))
      found.push_back(entry.cookie);
  std::sort(found.begin(), found.end(), [](const Cookie& a, const Cookie& b) {
    return std::tie(a.domain, a.path, a.name, a.host_only) <
           std::tie(b.domain, b.path, b.name, b.host_only);
  });
  return found;
}

base::Result<StoreResult> CookieJar::add(const CookieSpec& spec) {
  const bool dotted = spec.domain.starts_with('.');
  const std::string domain = domain_filter(spec.domain);
  std::error_code problem = check_name_value(spec.name, spec.value);
  if (!problem && domain.empty()) problem = errc::empty_domain;
  if (!problem && ascii::has_non_ascii(domain)) problem = errc::domain_not_ascii;
  if (!problem &&
      (domain.size() > kMaxAttributeValueBytes || spec.path.size() > kMaxAttributeValueBytes))
    problem = errc::attribute_too_long;
  if (!problem && (!is_host_text(domain) || ascii::has_forbidden_control(spec.path) ||
                   spec.path.find(';') != std::string::npos))
    problem = errc::invalid_character;
  if (!problem && !spec.path.starts_with('/')) problem = errc::bad_path;

  const bool subdomains = spec.include_subdomains || dotted;
  // A Set-Cookie from the suffix itself would get a host-only cookie (§5.3 step 5); someone who
  // types ".com" means every site under it, which is refused instead.
  if (!problem && subdomains && suffixes_.is_public_suffix(domain)) problem = errc::public_suffix;
  if (problem) return add_refused(problem, spec);

  std::lock_guard lock(mutex_);
  const Time now = clock_();
  // The same cookie as a Set-Cookie from https://<domain><path> would make.
  SetCookie set_cookie{spec.name,      spec.value,     std::nullopt,
                       std::nullopt,   spec.path,      spec.secure,
                       spec.http_only, spec.same_site, {}};
  if (spec.expires) set_cookie.expires = std::min(*spec.expires, now + kMaxCookieAge);
  if (subdomains) set_cookie.domain = domain;
  RequestContext request;
  request.host = domain;
  request.path = spec.path;
  auto stored = store_locked(request, set_cookie, now);
  if (!stored) return add_refused(stored.error().code, spec);
  return stored;
}

std::size_t CookieJar::remove(std::string_view domain, std::string_view path,
                              std::string_view name) {
  const std::string wanted = domain_filter(domain);
  std::lock_guard lock(mutex_);
  const auto removed = std::erase_if(entries_, [&](const Entry& e) {
    return e.cookie.domain == wanted && e.cookie.path == path && e.cookie.name == name;
  });
  if (removed > 0) ++generation_;
  return removed;
}

std::size_t CookieJar::remove_domain(std::string_view domain) {
  const std::string wanted = domain_filter(domain);
  std::lock_guard lock(mutex_);
  const auto removed = std::erase_if(
      entries_, [&](const Entry& e) { return domain_match(e.cookie.domain, wanted); });
  if (removed > 0) ++generation_;
  return removed;
}

void CookieJar::clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
  ++generation_;
}

ImportReport CookieJar::import_cookies(std::vector<Cookie> cookies) {
  std::lock_guard lock(mutex_);
  const Time now = clock_();
  sweep_expired_locked(now);
  ImportReport report;
  for (Cookie& cookie : cookies) {
    if (cookie.expired(now)) {
      ++report.expired;
      continue;
    }
    if (cookie.domain.starts_with('.')) cookie.domain.erase(0, 1);
    cookie.domain = canonical_host(cookie.domain);
    if (auto problem = check_stored_cookie(cookie, suffixes_)) {
      report.rejected.push_back({std::move(cookie), problem});
      continue;
    }
    if (cookie.created == Time{}) cookie.created = now;
    if (cookie.last_access == Time{}) cookie.last_access = cookie.created;
    upsert_locked(cookie);
    ++report.stored;
  }
  return report;
}

std::vector<Cookie> CookieJar::all() const {
  std::lock_guard lock(mutex_);
  const Time now = clock_();
  std::vector<Cookie> cookies;
  for (const Entry& entry : entries_)
    if (!entry.cookie.expired(now)) cookies.push_back(entry.cookie);
  return cookies;
}

std::vector<Cookie> CookieJar::persistent() const {
  auto cookies = all();
  std::erase_if(cookies, [](const Cookie& c) { return !c.persistent(); });
  return cookies;
}

std::size_t CookieJar::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

std::uint64_t CookieJar::generation() const {
  std::lock_guard lock(mutex_);
  return generation_;
}

}  // namespace postern::cookies
