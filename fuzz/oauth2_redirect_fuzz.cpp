// Fuzz target: the authorization redirect (RFC 6749 §4.1.2, §4.2.2) as each grant reads it,
// with and without an expected state, and is_redirect_to. Nothing may crash; a code or token
// is only accepted when the state matched.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "runtime/auth/oauth2_grants.hpp"

namespace {

using postern::auth::GrantType;

void check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view url(reinterpret_cast<const char*>(data), size);
  for (GrantType grant : {GrantType::authorization_code, GrantType::implicit}) {
    for (std::string_view state : {std::string_view(), std::string_view("xyz")}) {
      auto answer = postern::auth::parse_authorization_redirect(url, grant, state);
      if (!answer) continue;
      // The state it matched cannot match another one as well.
      if (!state.empty()) check(!postern::auth::parse_authorization_redirect(url, grant, "xyy"));
      check(grant == GrantType::implicit ? answer.value().token.has_value()
                                         : !answer.value().code.empty());
    }
  }
  (void)postern::auth::is_redirect_to(url, "http://127.0.0.1:8080/cb");
  (void)postern::auth::is_redirect_to("http://127.0.0.1:8080/cb?code=1", url);
  return 0;
}
