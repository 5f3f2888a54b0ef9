// Digest challenges from a hostile server: the bytes become WWW-Authenticate values, read by
// read_digest_challenge and by the Digest scheme's whole 401 round (choose a challenge and qop,
// then sign), so nothing a server sends can crash the client or make it loop.
#include <cstddef>
#include <cstdint>
#include <string>

#include "runtime/auth/digest_challenge.hpp"
#include "runtime/auth/scheme_registry.hpp"

using namespace postern::auth;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  if (auto parsed = parse_challenges(input)) {
    for (const auto& challenge : parsed.value())
      (void)read_digest_challenge(challenge);
  }
  AuthContext context{[] { return std::int64_t{1}; },
                      [](std::size_t n) { return std::string(n, 'r'); }};
  auto scheme = make_auth_scheme("digest", {{"username", "u"}, {"password", "p"}}, context);
  if (!scheme) return 0;
  // A second header from the same bytes: one WWW-Authenticate per line, as servers send several.
  ResponseHead response{401, {{"WWW-Authenticate", input}}};
  if (auto newline = input.find('\n'); newline != std::string::npos) {
    response.headers = {{"WWW-Authenticate", input.substr(0, newline)},
                        {"WWW-Authenticate", input.substr(newline + 1)}};
  }
  HttpRequest request{"POST", "http://h/p?q", {}, "body"};
  for (int round = 0; round < 3; ++round) {
    auto answer = scheme.value()->decode_challenge(request, response);
    if (!answer || answer.value() != ChallengeAnswer::retry) break;
    request.headers.clear();
    (void)scheme.value()->create_response(request);
  }
  return 0;
}
