#pragma once
// cookies::errc: every reason the cookie jar ignores a Set-Cookie line or one of its attributes,
// refuses a cookie, or cannot read its files. The capture UI shows these next to each captured
// Set-Cookie, so each value says exactly which rule applied.

#include <system_error>

namespace postern::cookies {

/// Why a cookie, an attribute or a cookie file was not accepted.
enum class errc {
  // --- the whole Set-Cookie line is ignored (RFC 6265 §5.2, RFC 6265bis §5.6) ---
  invalid_character = 1,  ///< a control character (not HTAB), or ';' / '=' where none may be
  empty_cookie,           ///< both the name and the value are empty
  cookie_too_large,       ///< name + value is over kMaxNameValueBytes
  // --- one attribute is ignored, the cookie is kept (reported as a note) ---
  attribute_too_long,  ///< an attribute value is over kMaxAttributeValueBytes
  bad_expires,         ///< Expires is not a date the §5.1.1 algorithm can read
  bad_max_age,         ///< Max-Age is not an optional '-' and digits
  empty_domain,        ///< Domain= with no value
  bad_path,            ///< Path is empty or does not start with '/'; the default path is used
  unknown_same_site,   ///< SameSite is not Strict, Lax or None; the default is used
  unknown_attribute,   ///< an attribute this jar does not know (Priority, Partitioned, ...)
  // --- the storage model refuses the cookie (RFC 6265 §5.3, RFC 6265bis §5.7) ---
  domain_not_ascii,         ///< the Domain attribute has bytes outside ASCII (no IDNA here)
  domain_mismatch,          ///< the Domain attribute does not domain-match the request host
  public_suffix,            ///< the Domain attribute is a public suffix such as co.uk
  secure_from_insecure,     ///< a Secure cookie from an http:// (not secure) response
  would_shadow_secure,      ///< an http:// response tries to overwrite or shadow a Secure cookie
  http_only_from_script,    ///< an HttpOnly cookie set, or overwritten, through a non-HTTP API
  same_site_none_insecure,  ///< SameSite=None without Secure
  cross_site_blocked,       ///< a SameSite cookie set by a cross-site subrequest
  invalid_prefix,           ///< a __Secure- or __Host- cookie that breaks its prefix's rules
  // --- the jar's files ---
  jar_file_corrupt,         ///< cookies.json is not a cookie jar this build wrote
  jar_file_newer_version,   ///< cookies.json was written by a newer Postern
  netscape_line_malformed,  ///< a cookies.txt line is not 6 or 7 valid tab-separated fields
};

/// The error category for cookies::errc ("postern.cookies").
const std::error_category& cookies_category();
/// Lets `std::error_code code = errc::...` work (found by argument-dependent lookup).
std::error_code make_error_code(errc e);

}  // namespace postern::cookies

template <>
struct std::is_error_code_enum<postern::cookies::errc> : std::true_type {};
