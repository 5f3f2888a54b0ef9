#pragma once
// How a session saved as a Postman collection is organised (seed 001: "By default, requests and
// responses are saved chronologically ... you can also group them by domain name, endpoints, or
// both"). An endpoint is a path: its folder holds every method used on it (GET, PUT, DELETE of
// /users/7 side by side), as OpenAPI's paths object lists operations per path and as a person
// reverse-engineering an API reads it; "METHOD /path" folders would scatter one resource over
// several folders and hold one request type each.

#include <string>
#include <string_view>

#include "base/result.hpp"

namespace postern::exports {

/// The folder levels of an exported collection; with both, host folders hold path folders.
struct GroupBy {
  bool domain = false;    ///< a folder per host (with its port when not the scheme's default)
  bool endpoint = false;  ///< a folder per path
  friend bool operator==(const GroupBy&, const GroupBy&) = default;
};

/// Reads "domain", "endpoint", "domain,endpoint" (in either order; spaces allowed), or "none" /
/// "" for a flat chronological list. An unknown word is an error (std::errc::invalid_argument)
/// whose message names it and lists the accepted ones.
base::Result<GroupBy> parse_group_by(std::string_view text);

/// "domain,endpoint", "domain", "endpoint" or "none".
std::string to_string(const GroupBy& group_by);

}  // namespace postern::exports
