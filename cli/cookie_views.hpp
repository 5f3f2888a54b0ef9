#pragma once
// The cookie jar for people (the Cookie shape of docs/control-api.md): a table of cookies, one
// added cookie, and the results of delete, clear and import.

#include <iosfwd>

#include <nlohmann/json.hpp>

namespace postern::cli {

/// GET /v1/cookies: domain, path, name, value (shortened), expiry and flags per cookie.
void print_cookie_jar(std::ostream& out, const nlohmann::json& jar);

/// POST /v1/cookies: the cookie as the jar stored it.
void print_cookie_added(std::ostream& out, const nlohmann::json& cookie);

/// DELETE /v1/cookies: how many cookies went.
void print_cookies_removed(std::ostream& out, const nlohmann::json& result);

/// POST /v1/cookies/import: how many came in, and each refused line with its reason.
void print_cookie_import(std::ostream& out, const nlohmann::json& result);

}  // namespace postern::cli
