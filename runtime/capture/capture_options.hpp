#pragma once
// What a debug session captures (docs/control-api.md "CaptureOptions", docs/capture.md): URL and
// method filters, what is kept of each exchange, and where the session goes when it stops.
// Options are checked completely when they are set (a regex that does not compile is refused
// here, not on the first request), and every refusal names the field.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.hpp"

namespace postern::capture {

/// A folder level of a saved collection.
enum class GroupBy {
  domain,    ///< one folder per host
  endpoint,  ///< one folder per path
};

/// "domain" / "endpoint".
std::string_view to_string(GroupBy group);

/// Where a stopped session's exchanges are written as a Postman Collection v2.1.
struct CollectionTarget {
  std::string path;               ///< absolute path of the collection file (UTF-8)
  std::vector<GroupBy> group_by;  ///< folder levels, outermost first; empty = chronological
  friend bool operator==(const CollectionTarget&, const CollectionTarget&) = default;
};

/// Capture options of one debug session; the member defaults are the API's defaults.
struct CaptureOptions {
  static constexpr std::size_t kMinBodyLimit = 1024;              ///< smallest body_limit
  static constexpr std::size_t kMaxBodyLimit = 64 * 1024 * 1024;  ///< largest body_limit
  static constexpr std::size_t kDefaultBodyLimit = 1024 * 1024;   ///< body_limit when not given

  std::string url_contains;          ///< capture only URLs containing this (ASCII case-insensitive)
  std::string url_regex;             ///< capture only URLs this PCRE2 pattern matches
  std::vector<std::string> exclude;  ///< skip URLs containing any of these (case-insensitive)
  std::string exclude_regex;         ///< skip URLs this pattern matches
  std::vector<std::string> methods;  ///< capture only these methods (upper case); empty = all
  bool exclude_static = false;       ///< drop exchanges whose response is an image, script or CSS
  bool save_responses = true;        ///< keep response bodies (status and headers are always kept)
  bool capture_cookies = false;  ///< keep Cookie / Set-Cookie lines for the session's Cookies tab
  bool save_to_history = true;   ///< keep the session after it stops (else delete it once saved)
  std::optional<CollectionTarget> collection;  ///< write a collection here on stop
  std::size_t body_limit = kDefaultBodyLimit;  ///< bytes kept of each body

  friend bool operator==(const CaptureOptions&, const CaptureOptions&) = default;
};

/// Reads options from a JSON object: missing fields take their defaults, unknown fields and bad
/// values are errc::bad_option with a message that starts with the field ("methods[1]: ...").
base::Result<CaptureOptions> options_from_json(const nlohmann::json& json);

/// Every field, defaults included (collection as null when unset).
nlohmann::json to_json(const CaptureOptions& options);

}  // namespace postern::capture
