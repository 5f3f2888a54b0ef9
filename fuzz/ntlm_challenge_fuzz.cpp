// Fuzz target: NTLM's CHALLENGE (type 2) parser, the one NTLM message Postern reads from a server
// (runtime/auth/ntlm_messages.hpp). The bytes are parsed as a message, then sent through the ntlm
// scheme as the server's "WWW-Authenticate: NTLM <base64>" and, as text, as the header's token.
// Nothing may crash; what the parser accepts must stay inside the message it came from, and an
// accepted CHALLENGE must always yield an AUTHENTICATE message.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "runtime/auth/crypto.hpp"
#include "runtime/auth/ntlm_messages.hpp"
#include "runtime/auth/scheme_registry.hpp"

namespace {

using namespace postern::auth;

void check(bool condition) {
  if (!condition) std::abort();
}

AuthContext fixed_context() {
  return AuthContext{[] { return std::int64_t{1700000000}; },
                     [](std::size_t n) { return std::string(n, '\x5a'); }};
}

void through_the_scheme(const std::string& www_authenticate) {
  auto scheme =
      make_auth_scheme("ntlm", {{"username", "DOMAIN\\user"}, {"password", "p"}}, fixed_context());
  check(scheme.has_value());
  HttpRequest request{"GET", "http://intranet/", {}, ""};
  check(scheme.value()->create_response(request).has_value());
  auto answer =
      scheme.value()->decode_challenge(request, {401, {{"WWW-Authenticate", www_authenticate}}});
  if (answer && answer.value() == ChallengeAnswer::retry) {
    check(scheme.value()->create_response(request).has_value());
    auto header = find_header(request.headers, "Authorization");
    check(header && header->starts_with("NTLM "));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (auto parsed = ntlm::detail::parse_challenge(bytes)) {
    const auto& challenge = parsed.value();
    check(challenge.server_challenge.size() == 8);
    check(challenge.target_name.size() <= size && challenge.target_info.size() <= size);
    auto responses = ntlm::detail::ntlmv2_responses(
        std::string(16, '\x01'), challenge.server_challenge, "12345678", 0, challenge.target_info);
    check(responses.nt_response.size() == 16 + 28 + challenge.target_info.size() + 4);
    auto message = ntlm::detail::authenticate_message(
        {ntlm::detail::negotiated_flags(challenge.flags), responses.lm_response,
         responses.nt_response, "DOMAIN", "user", "HOST"});
    check(message.size() >= 64);
  }
  through_the_scheme("NTLM " + base64_encode(bytes));
  through_the_scheme(std::string(bytes));
  return 0;
}
