#pragma once
// WWW-Authenticate / Proxy-Authenticate parsing, in one place for every scheme (STYLE practice
// 8): RFC 9110 §11.6.1's list of challenges, each a scheme followed by a token68 or by
// name=value parameters (values are tokens or quoted strings).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.hpp"
#include "runtime/auth/http_message.hpp"

namespace postern::auth {

struct Challenge {
  std::string scheme;   ///< as the server wrote it ("Digest"); compare with equals_ignoring_case
  std::string token68;  ///< NTLM's and Negotiate's blob; empty when parameters were given
  std::vector<std::pair<std::string, std::string>> params;  ///< names lower-cased, values unquoted

  /// The parameter's value (name compared case-insensitively), or nothing.
  std::optional<std::string> param(std::string_view name) const;
};

/// Every challenge in one header value; errc::bad_challenge naming the position otherwise.
base::Result<std::vector<Challenge>> parse_challenges(std::string_view header_value);

/// The challenges for `scheme` in `response` (WWW-Authenticate, or Proxy-Authenticate when
/// `proxy`), in order. Header values that do not parse are skipped: one malformed challenge
/// must not hide a good one in another header.
std::vector<Challenge> challenges_for(const ResponseHead& response, std::string_view scheme,
                                      bool proxy = false);

}  // namespace postern::auth
