#pragma once
// The cookie jar as the control API describes it (docs/control-api.md "Cookie", /v1/cookies,
// /v1/sessions/{id}/cookies/to-jar), as plain structs read strictly from the API's JSON.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runtime/control/client/json_fields.hpp"

namespace postern::control_client {

/// A cookie in the jar.
struct Cookie {
  std::string name;
  std::string value;
  std::string domain;
  std::string path;
  bool host_only = false;
  bool secure = false;
  bool http_only = false;
  std::string same_site;               ///< as the runtime names it ("lax", "strict", "none", ...)
  std::optional<std::string> expires;  ///< none for a session cookie
  std::string created_at;
};

/// POST /v1/cookies: the cookie stored, or (a line already expired) how many it removed.
struct CookieAdded {
  std::optional<Cookie> cookie;  ///< the cookie as the jar stored it
  std::int64_t removed = 0;      ///< cookies the expired line deleted
};

/// A line or cookie the jar refused, and why.
struct Refusal {
  std::string line;    ///< the line refused; empty when a cookie was named instead
  std::string domain;  ///< the refused cookie's domain, when the line was read
  std::string name;    ///< the refused cookie's name, when the line was read
  std::string reason;
};

/// POST /v1/sessions/{id}/cookies/to-jar.
struct ToJarResult {
  std::int64_t added = 0;
  std::int64_t removed = 0;  ///< lines that deleted a cookie with a past expiry
  std::vector<Refusal> refused;
};

/// POST /v1/cookies/import: what came in.
struct CookieImport {
  std::int64_t imported = 0;
  std::int64_t expired = 0;  ///< lines already past their expiry, not stored
  std::vector<Refusal> refused;
};

/// Readers of the API's JSON (for JsonFields::list and read_json).
Cookie read_cookie(const JsonFields& fields);
std::vector<Cookie> read_cookie_list(const JsonFields& fields);
/// A 201 Cookie or a 200 {"removed":N}.
CookieAdded read_cookie_added(const JsonFields& fields);
/// {"removed": N}.
std::int64_t read_removed(const JsonFields& fields);
ToJarResult read_to_jar(const JsonFields& fields);
CookieImport read_cookie_import(const JsonFields& fields);

}  // namespace postern::control_client
