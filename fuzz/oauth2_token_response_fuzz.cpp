// Fuzz target: a token endpoint's answer (RFC 6749 §5.1/§5.2) read as JSON and as a form, with
// a 2xx and an error status, and the token store's file parser on the same bytes. Nothing may
// crash; an accepted token has an access token and a type, and an error message stays short
// and printable (server text is never echoed raw).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "runtime/auth/oauth2_grants.hpp"
#include "runtime/requester/oauth2_token_store.hpp"

namespace {

void check(bool condition) {
  if (!condition) std::abort();
}

void read_as(int status, std::string_view content_type, std::string_view body) {
  auto token = postern::auth::parse_token_response(status, content_type, body);
  if (token) {
    check(!token.value().access_token.empty() && !token.value().token_type.empty());
    check(status >= 200 && status <= 299);
    return;
  }
  const std::string& message = token.error().message;
  check(message.size() < 400);
  for (char c : message)
    check(c >= 0x20 && c <= 0x7E);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  read_as(200, "application/json", text);
  read_as(200, "application/x-www-form-urlencoded", text);
  read_as(400, "application/json;charset=UTF-8", text);
  if (auto tokens = postern::requester::TokenStore::parse(text, "fuzz.json")) {
    auto again = postern::requester::TokenStore::parse(
        postern::requester::TokenStore::serialise(tokens.value()), "again.json");
    check(again && again.value().size() == tokens.value().size());
  }
  return 0;
}
