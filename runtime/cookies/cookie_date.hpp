#pragma once
// The cookie-date algorithm of RFC 6265 §5.1.1: how browsers read an Expires attribute. It is
// deliberately forgiving (any order of tokens, two-digit years, "GMT+0000 (GMT)" tails), because
// servers write every date format ever seen, and it refuses dates that do not exist.

#include <optional>
#include <string_view>

#include "runtime/cookies/cookie.hpp"

namespace postern::cookies {

/// The UTC time `text` names, or nothing when §5.1.1 fails it (a field missing or out of range,
/// a year before 1601, a day the month does not have).
std::optional<Time> parse_cookie_date(std::string_view text);

}  // namespace postern::cookies
