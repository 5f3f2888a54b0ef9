#pragma once
// What every scheme test does first: make the scheme from its parameters and apply it to a
// plain request.

#include <catch2/catch.hpp>
#include <string>

#include "runtime/auth/scheme_registry.hpp"

namespace postern::testing {

inline auth::HttpRequest apply_scheme(std::string_view type, const auth::AuthParams& params,
                                      std::string url = "https://api.example.com/v1?x=1") {
  auto scheme = auth::make_auth_scheme(type, params, auth::system_context());
  REQUIRE(scheme);
  auth::HttpRequest request{"GET", std::move(url), {{"Accept", "*/*"}}, ""};
  REQUIRE(scheme.value()->create_response(request));
  return request;
}

}  // namespace postern::testing
