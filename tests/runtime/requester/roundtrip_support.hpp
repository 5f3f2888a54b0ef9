#pragma once
// What every auth round trip does around its verifying server: make the scheme from its
// parameters and send one request with the real requester, failing the test when either step
// fails (the server's answer is then the test's to judge).

#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <string>
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

/// A JSON POST of 8 body bytes to `url` with no auth of its own, sent with send_request through
/// the proxy on 127.0.0.1:`proxy_port` with `user` and `password` for it.
inline requester::SendResult post_through_proxy(int proxy_port, const std::string& user,
                                                const std::string& password,
                                                const std::string& url) {
  requester::ResolvedProxy route;
  route.route.direct = false;
  route.route.proxy_url = "http://127.0.0.1:" + std::to_string(proxy_port);
  route.credentials = {user, password};
  requester::SendOptions options;
  options.timeout = std::chrono::seconds(10);
  options.proxy = [route](const std::string&) { return route; };
  auto noauth = roundtrip_scheme("noauth", {});
  auto sent = requester::send_request(
      {"POST", url, {{"Content-Type", "application/json"}}, R"({"id":7})"}, *noauth, options);
  REQUIRE(sent);
  return std::move(sent).value();
}

}  // namespace postern::testing
