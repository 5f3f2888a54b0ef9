#include "runtime/cookies/errc.hpp"

#include <string>

namespace postern::cookies {

namespace {

class CookiesCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "postern.cookies"; }
  std::string message(int value) const override {
    switch (static_cast<errc>(value)) {
      case errc::invalid_character:
        return "the cookie contains a control character or a misplaced ';' or '='";
      case errc::empty_cookie:
        return "the cookie has neither a name nor a value";
      case errc::cookie_too_large:
        return "the cookie's name and value together are longer than 4096 bytes";
      case errc::attribute_too_long:
        return "the attribute's value is longer than 1024 bytes and was ignored";
      case errc::bad_expires:
        return "Expires is not a date and was ignored";
      case errc::bad_max_age:
        return "Max-Age is not a number of seconds and was ignored";
      case errc::empty_domain:
        return "Domain has no value and was ignored";
      case errc::bad_path:
        return "Path does not start with '/'; the default path was used";
      case errc::unknown_same_site:
        return "SameSite is not Strict, Lax or None; the default was used";
      case errc::unknown_attribute:
        return "the attribute is not one the jar knows and was ignored";
      case errc::domain_not_ascii:
        return "the Domain attribute is not plain ASCII";
      case errc::domain_mismatch:
        return "the Domain attribute does not cover the host that set the cookie";
      case errc::public_suffix:
        return "the Domain attribute is a public suffix (like com or co.uk)";
      case errc::secure_from_insecure:
        return "a Secure cookie cannot be set by a response that is not secure";
      case errc::would_shadow_secure:
        return "a response that is not secure cannot overwrite a Secure cookie";
      case errc::http_only_from_script:
        return "an HttpOnly cookie can only be set or replaced over HTTP";
      case errc::same_site_none_insecure:
        return "SameSite=None requires the Secure attribute";
      case errc::cross_site_blocked:
        return "a cross-site subrequest cannot set a SameSite cookie";
      case errc::invalid_prefix:
        return "the cookie breaks the rules of its __Secure- or __Host- prefix";
      case errc::jar_file_corrupt:
        return "the cookie jar file is not valid";
      case errc::jar_file_newer_version:
        return "the cookie jar file was written by a newer Postern";
      case errc::netscape_line_malformed:
        return "the cookies.txt line is malformed";
    }
    return "unknown cookie error";
  }
};

}  // namespace

const std::error_category& cookies_category() {
  static const CookiesCategory category;
  return category;
}

std::error_code make_error_code(errc e) {
  return {static_cast<int>(e), cookies_category()};
}

}  // namespace postern::cookies
