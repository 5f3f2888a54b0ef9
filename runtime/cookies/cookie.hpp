#pragma once
// The cookie as the jar stores it: the fields of RFC 6265 §5.3 plus SameSite (RFC 6265bis). Every
// other part of runtime/cookies (storage, retrieval, files, the CLI) speaks this one type.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace postern::cookies {

/// Whole seconds since the Unix epoch, UTC. Seconds are what Expires, Max-Age and cookies.txt
/// carry; a 64-bit count of them reaches far past year 9999, unlike system_clock's nanoseconds.
using Time = std::chrono::sys_seconds;

/// The SameSite attribute (RFC 6265bis §4.1.2.7).
enum class SameSite {
  unspecified,  ///< no (valid) SameSite attribute; treated as Lax, as Chrome and Firefox do
  none,         ///< SameSite=None: sent cross-site too; requires Secure
  lax,          ///< SameSite=Lax: cross-site only on top-level navigations with a safe method
  strict,       ///< SameSite=Strict: never sent cross-site
};

/// "unspecified", "none", "lax" or "strict": the spelling in cookies.json and the control API.
std::string_view to_string(SameSite same_site);
/// The inverse of to_string(); nothing for any other text.
std::optional<SameSite> same_site_from_string(std::string_view text);

/// One stored cookie (RFC 6265 §5.3 step 2's fields).
struct Cookie {
  std::string name{};             ///< may be empty (a nameless cookie, RFC 6265bis)
  std::string value{};            ///< the raw value, quotes and all
  std::string domain{};           ///< lower case, no leading dot: "example.com"
  std::string path = "/";         ///< always starts with '/'
  std::optional<Time> expires{};  ///< nothing: a session cookie, gone when the runtime stops
  Time created{};                 ///< kept across replacements ("latest value wins")
  Time last_access{};             ///< updated on retrieval; the oldest are evicted first
  bool host_only = true;          ///< sent to `domain` only, not to its subdomains
  bool secure = false;            ///< sent over secure connections only
  bool http_only = false;         ///< hidden from non-HTTP APIs (scripts)
  SameSite same_site = SameSite::unspecified;  ///< cross-site policy

  /// A cookie with an expiry is persistent: it is saved to cookies.json.
  bool persistent() const { return expires.has_value(); }
  /// Whether the cookie's expiry has passed at `now`.
  bool expired(Time now) const { return expires && *expires <= now; }
  /// The identity a new cookie replaces: same name, domain, host-only flag and path.
  bool same_identity(const Cookie& other) const;
};

}  // namespace postern::cookies
