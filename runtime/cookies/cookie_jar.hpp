#pragma once
// The runtime's cookie jar: what the capture proxy stores from Set-Cookie headers, what the
// requester sends, and what `postern cookies` lists and edits. Storage follows RFC 6265 §5.3 and
// RFC 6265bis §5.7, retrieval §5.4 / §5.8.3, with the limits browsers use. "The cookie jar always
// has the latest value for a given cookie" (seed 002): a new cookie replaces the one with the
// same name, domain, host-only flag and path, keeping its creation time.
//
// Thread-safe: every member takes the jar's lock, so the proxy and the requester can share one.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "base/result.hpp"
#include "runtime/cookies/cookie.hpp"
#include "runtime/cookies/public_suffix_list.hpp"
#include "runtime/cookies/request_context.hpp"
#include "runtime/cookies/set_cookie.hpp"

namespace postern::cookies {

/// Cookies one site (registrable domain, e.g. bbc.co.uk) may keep. 180 is Chrome's
/// kDomainMaxCookies and Firefox's network.cookie.maxPerHost; RFC 6265 §6.1 asks for at least
/// 50. Counting by site, not host, stops a site spreading cookies over subdomains.
inline constexpr std::size_t kMaxCookiesPerSite = 180;
/// Cookies the whole jar keeps: Firefox's network.cookie.maxNumber, and RFC 6265 §6.1's minimum.
inline constexpr std::size_t kMaxCookies = 3000;

/// What storing a cookie did.
enum class StoreAction {
  added,            ///< a new cookie
  replaced,         ///< replaced the cookie with the same identity (creation time kept)
  deleted,          ///< it had expired already, and removed the cookie with its identity
  expired_ignored,  ///< it had expired already, and there was nothing to remove
};

/// The outcome of a stored Set-Cookie.
struct StoreResult {
  StoreAction action = StoreAction::added;  ///< what happened
  Cookie cookie;                            ///< the cookie as stored (or as deleted)
  std::vector<AttributeNote> notes;         ///< attributes the parser ignored
};

/// A cookie typed into the CLI or sent to the control API; add() checks it like a Set-Cookie.
struct CookieSpec {
  std::string name{};               ///< may be empty only when `value` is not
  std::string value{};              ///< no ';' and no control characters
  std::string domain{};             ///< "example.com"; a leading '.' means include_subdomains
  bool include_subdomains = false;  ///< a domain cookie rather than a host-only one
  std::string path = "/";           ///< must start with '/'
  bool secure = false;              ///< the Secure attribute
  bool http_only = false;           ///< the HttpOnly attribute
  SameSite same_site = SameSite::unspecified;  ///< the SameSite attribute
  std::optional<Time> expires{};               ///< nothing: a session cookie
};

/// A cookie import_cookies() refused, and why.
struct RejectedCookie {
  Cookie cookie;           ///< as offered
  std::error_code reason;  ///< a cookies::errc
};

/// What import_cookies() did.
struct ImportReport {
  std::size_t stored = 0;                ///< added or replacing a cookie
  std::size_t expired = 0;               ///< skipped because their expiry has passed
  std::vector<RejectedCookie> rejected;  ///< refused by the checks
};

/// The jar.
class CookieJar {
 public:
  /// Where the jar reads the time; tests inject their own.
  using Clock = std::function<Time()>;
  /// The system clock, in whole seconds.
  static Time system_now();

  /// A jar judging domains with `suffixes` (which must outlive it).
  explicit CookieJar(Clock clock = system_now,
                     const PublicSuffixList& suffixes = PublicSuffixList::system());
  CookieJar(const CookieJar&) = delete;
  CookieJar& operator=(const CookieJar&) = delete;

  /// Stores the cookie of one Set-Cookie header value received in a response to `request`.
  /// The error says why a browser would have ignored it (a cookies::errc).
  base::Result<StoreResult> store(const RequestContext& request, std::string_view set_cookie);
  /// The same for a Set-Cookie already parsed.
  base::Result<StoreResult> store(const RequestContext& request, const SetCookie& set_cookie);

  /// The cookies to send with `request`, in RFC 6265 §5.4 order (longer paths first, then
  /// older first); marks them accessed now.
  std::vector<Cookie> cookies_for(const RequestContext& request);
  /// The Cookie header value for `request`; empty when no cookie applies.
  std::string cookie_header_for(const RequestContext& request);

  /// Every cookie whose domain is `domain` or under it (all when empty), sorted by domain,
  /// path and name.
  std::vector<Cookie> list(std::string_view domain = {}) const;
  /// Adds a cookie by hand, with the checks a Set-Cookie from https://<domain><path> gets.
  base::Result<StoreResult> add(const CookieSpec& spec);
  /// Removes the cookies with exactly this domain, path and name (host-only or not); returns
  /// how many.
  std::size_t remove(std::string_view domain, std::string_view path, std::string_view name);
  /// Removes every cookie whose domain is `domain` or under it; returns how many.
  std::size_t remove_domain(std::string_view domain);
  /// Removes everything.
  void clear();

  /// Adds cookies read from a file (cookies.json, cookies.txt): expired ones are skipped, ones
  /// a browser would not hold (bad name or value, a public-suffix domain, a path without '/')
  /// are refused, and the rest replace cookies of the same identity.
  ImportReport import_cookies(std::vector<Cookie> cookies);
  /// Every unexpired cookie, session cookies included (for export).
  std::vector<Cookie> all() const;
  /// Every unexpired persistent cookie: what cookies.json keeps.
  std::vector<Cookie> persistent() const;
  /// How many cookies are held (expired ones not yet swept included).
  std::size_t size() const;
  /// A counter that grows with every change worth saving (not with access times), so the
  /// runtime saves cookies.json only when something changed.
  std::uint64_t generation() const;

 private:
  struct Entry {
    Cookie cookie;
    std::string site;        ///< registrable domain, for the per-site limit
    std::uint64_t sequence;  ///< insertion order: breaks ties between equal times
  };

  base::Result<StoreResult> store_locked(const RequestContext& request, const SetCookie& set_cookie,
                                         Time now);
  void upsert_locked(Cookie& cookie);
  void insert_locked(Cookie cookie);
  void sweep_expired_locked(Time now);
  void enforce_limits_locked(std::uint64_t keep_sequence);
  void evict_oldest_locked(std::string_view site, std::uint64_t keep_sequence);

  Clock clock_;
  const PublicSuffixList& suffixes_;
  mutable std::mutex mutex_;
  std::vector<Entry> entries_;
  std::uint64_t next_sequence_ = 0;
  std::uint64_t generation_ = 0;
};

}  // namespace postern::cookies
