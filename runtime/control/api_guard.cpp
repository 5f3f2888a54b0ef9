#include "runtime/control/api_guard.hpp"

#include <openssl/crypto.h>

namespace postern::control {

namespace {

bool loopback_host(const std::string& host, std::uint16_t port) {
  const std::string suffix = ":" + std::to_string(port);
  for (const char* name : {"127.0.0.1", "localhost", "[::1]"})
    if (host == name + suffix) return true;
  return false;
}

bool token_matches(const std::string& authorization, const std::string& token) {
  static constexpr std::string_view kScheme = "Bearer ";
  if (authorization.size() != kScheme.size() + token.size()) return false;
  if (authorization.compare(0, kScheme.size(), kScheme) != 0) return false;
  return CRYPTO_memcmp(authorization.data() + kScheme.size(), token.data(), token.size()) == 0;
}

}  // namespace

std::optional<ApiResponse> refuse_unless_allowed(const ApiRequest& request,
                                                 const ControlEndpoint& endpoint) {
  if (!loopback_host(request.host, endpoint.port))
    return error_response(400, "HOST_NOT_ALLOWED",
                          "the Host header must be 127.0.0.1:" + std::to_string(endpoint.port));
  if (!request.origin.empty())
    return error_response(
        403, "ORIGIN_NOT_ALLOWED",
        "the control API does not answer web pages (Origin " + request.origin + ")");
  if (!token_matches(request.authorization, endpoint.token)) {
    auto refused = error_response(401, "TOKEN_REQUIRED",
                                  "send Authorization: Bearer <token> from control.json");
    refused.headers.emplace_back("WWW-Authenticate", "Bearer");
    return refused;
  }
  return std::nullopt;
}

}  // namespace postern::control
