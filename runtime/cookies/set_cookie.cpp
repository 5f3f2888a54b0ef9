#include "runtime/cookies/set_cookie.hpp"

#include <array>
#include <limits>
#include <utility>

#include "runtime/cookies/ascii.hpp"
#include "runtime/cookies/cookie_date.hpp"

namespace postern::cookies {

namespace {

// "The earliest representable date": what Max-Age=0 and negative ages mean (§5.2.2). 1601 is the
// earliest year the cookie-date algorithm accepts.
constexpr Time kEarliest{std::chrono::sys_days{std::chrono::year{1601} / 1 / 1}};

base::Error ignored(errc reason, std::string_view header) {
  return base::Error{
      make_error_code(reason),
      make_error_code(reason).message() + ": Set-Cookie: " + ascii::printable(header), ""};
}

// §5.2.2 Max-Age: an optional '-' and then digits only. Saturates rather than overflows; the
// 400-day cap applies afterwards anyway.
std::optional<Time> max_age_expiry(std::string_view text, Time now) {
  const bool negative = text.starts_with('-');
  const std::string_view digits = negative ? text.substr(1) : text;
  if (digits.empty()) return std::nullopt;
  std::int64_t seconds = 0;
  for (char c : digits) {
    if (!ascii::is_digit(c)) return std::nullopt;
    if (seconds < std::numeric_limits<std::int64_t>::max() / 10) seconds = seconds * 10 + (c - '0');
  }
  if (negative || seconds == 0) return kEarliest;
  return now + std::min<std::chrono::seconds>(std::chrono::seconds{seconds}, kMaxCookieAge);
}

class AttributeReader {
 public:
  AttributeReader(SetCookie& cookie, Time now) : cookie_(cookie), now_(now) {}

  // One cookie-av (§5.2 steps for the unparsed-attributes). Later attributes of the same name
  // win over earlier ones, as "the last attribute in the cookie-attribute-list" is used.
  void read(std::string_view av) {
    const auto eq = av.find('=');
    const std::string_view name = ascii::trim_wsp(av.substr(0, eq));
    const std::string_view value =
        eq == std::string_view::npos ? std::string_view{} : ascii::trim_wsp(av.substr(eq + 1));
    if (value.size() > kMaxAttributeValueBytes) return note(errc::attribute_too_long, av);
    for (const auto& [attribute, reader] : kReaders)
      if (ascii::iequals(name, attribute)) return (this->*reader)(value, av);
    note(errc::unknown_attribute, av);
  }

  // Max-Age, when present, wins over Expires whatever their order (§5.3 step 3).
  std::optional<Time> expiry() const { return max_age_ ? max_age_ : expires_; }

 private:
  void note(errc reason, std::string_view av) {
    cookie_.notes.push_back({reason, ascii::printable(ascii::trim_wsp(av), 80)});
  }

  void read_expires(std::string_view value, std::string_view av) {
    auto date = parse_cookie_date(value);
    if (!date) return note(errc::bad_expires, av);
    expires_ = std::min(*date, now_ + kMaxCookieAge);
  }

  void read_max_age(std::string_view value, std::string_view av) {
    auto expiry = max_age_expiry(value, now_);
    if (!expiry) return note(errc::bad_max_age, av);
    max_age_ = expiry;
  }

  void read_domain(std::string_view value, std::string_view av) {
    // "If the attribute-value is empty, the behavior is undefined. However, the user agent
    // SHOULD ignore the cookie-av entirely." A lone "." is as empty once its dot is gone.
    if (value.starts_with('.')) value.remove_prefix(1);
    if (value.empty()) return note(errc::empty_domain, av);
    cookie_.domain = ascii::to_lower(value);
  }

  void read_path(std::string_view value, std::string_view av) {
    if (value.empty() || value.front() != '/') {
      cookie_.path = "";  // the default path, and this Path still overrides an earlier one
      return note(errc::bad_path, av);
    }
    cookie_.path = std::string(value);
  }

  void read_secure(std::string_view, std::string_view) { cookie_.secure = true; }
  void read_http_only(std::string_view, std::string_view) { cookie_.http_only = true; }

  void read_same_site(std::string_view value, std::string_view av) {
    if (ascii::iequals(value, "none")) {
      cookie_.same_site = SameSite::none;
    } else if (ascii::iequals(value, "lax")) {
      cookie_.same_site = SameSite::lax;
    } else if (ascii::iequals(value, "strict")) {
      cookie_.same_site = SameSite::strict;
    } else {
      cookie_.same_site = SameSite::unspecified;
      note(errc::unknown_same_site, av);
    }
  }

  // The attributes of RFC 6265 §5.2 and RFC 6265bis, matched ignoring case.
  using Reader = void (AttributeReader::*)(std::string_view value, std::string_view av);
  static constexpr std::array<std::pair<std::string_view, Reader>, 7> kReaders{{
      {"expires", &AttributeReader::read_expires},
      {"max-age", &AttributeReader::read_max_age},
      {"domain", &AttributeReader::read_domain},
      {"path", &AttributeReader::read_path},
      {"secure", &AttributeReader::read_secure},
      {"httponly", &AttributeReader::read_http_only},
      {"samesite", &AttributeReader::read_same_site},
  }};

  SetCookie& cookie_;
  Time now_;
  std::optional<Time> expires_;
  std::optional<Time> max_age_;
};

}  // namespace

std::error_code check_name_value(std::string_view name, std::string_view value) {
  if (ascii::has_forbidden_control(name) || ascii::has_forbidden_control(value) ||
      name.find_first_of(";=") != std::string_view::npos ||
      value.find(';') != std::string_view::npos)
    return errc::invalid_character;
  if (name.empty() && value.empty()) return errc::empty_cookie;
  if (name.size() + value.size() > kMaxNameValueBytes) return errc::cookie_too_large;
  // RFC 6265bis: a nameless cookie is serialised as its value alone, so a value that starts
  // like a prefixed name would reach the server looking like a __Secure-/__Host- cookie.
  if (name.empty() &&
      (ascii::istarts_with(value, "__secure-") || ascii::istarts_with(value, "__host-")))
    return errc::invalid_prefix;
  return {};
}

base::Result<SetCookie> parse_set_cookie(std::string_view header, Time now) {
  // RFC 6265bis §5.6 step 1: a control character anywhere ignores the whole line, since it
  // signals header smuggling or a broken server.
  if (ascii::has_forbidden_control(header)) return ignored(errc::invalid_character, header);
  const auto semicolon = header.find(';');
  const std::string_view pair = header.substr(0, semicolon);
  SetCookie cookie;
  // RFC 6265bis: a pair without '=' is a nameless cookie whose value is the whole pair.
  if (const auto eq = pair.find('='); eq == std::string_view::npos) {
    cookie.value = ascii::trim_wsp(pair);
  } else {
    cookie.name = ascii::trim_wsp(pair.substr(0, eq));
    cookie.value = ascii::trim_wsp(pair.substr(eq + 1));
  }
  if (auto problem = check_name_value(cookie.name, cookie.value))
    return ignored(static_cast<errc>(problem.value()), header);

  AttributeReader reader(cookie, now);
  std::string_view rest =
      semicolon == std::string_view::npos ? std::string_view{} : header.substr(semicolon + 1);
  while (!rest.empty()) {
    const auto next = rest.find(';');
    const std::string_view av = rest.substr(0, next);
    rest = next == std::string_view::npos ? std::string_view{} : rest.substr(next + 1);
    if (!ascii::trim_wsp(av).empty()) reader.read(av);
  }
  cookie.expires = reader.expiry();
  return cookie;
}

}  // namespace postern::cookies
