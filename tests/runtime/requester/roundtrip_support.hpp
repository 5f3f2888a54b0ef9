#pragma once
// What every auth round trip does around its verifying server: make the scheme from its
// parameters and send one request with the real requester, failing the test when either step
// fails (the server's answer is then the test's to judge).

#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <string_view>

#include "runtime/auth/scheme_registry.hpp"
#include "runtime/requester/request_sender.hpp"

namespace postern::testing {

/// The scheme of `type` made from `params`; the test fails when the parameters are refused.
inline std::unique_ptr<auth::AuthScheme> roundtrip_scheme(std::string_view type,
                                                          const auth::AuthParams& params) {
  auto made = auth::make_auth_scheme(type, params, auth::system_context());
  REQUIRE(made);
  return std::move(made).value();
}

/// `request` sent with `scheme` (10 s per leg); the server's body is shown when a check fails.
inline requester::SendResult roundtrip_send(auth::HttpRequest request, auth::AuthScheme& scheme) {
  requester::SendOptions options;
  options.timeout = std::chrono::seconds(10);
  auto sent = requester::send_request(std::move(request), scheme, options);
  REQUIRE(sent);
  UNSCOPED_INFO(sent.value().body);
  return std::move(sent).value();
}

}  // namespace postern::testing
