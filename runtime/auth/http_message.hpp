#pragma once
// The request an auth scheme signs and the response head it reads a challenge from. Plain data:
// schemes never do I/O (the requester sends; a scheme only edits the request it is handed), so
// every scheme can be tested with its published vectors, byte for byte.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace postern::auth {

/// One header field as sent, in order; names compare case-insensitively.
struct Header {
  std::string name;
  std::string value;
};

/// A request as it will go on the wire. `body` holds the exact bytes sent (an encoded form, a
/// multipart body), because Digest auth-int, Hawk, SigV4, EdgeGrid and OAuth 1 hash it.
struct HttpRequest {
  std::string method = "GET";
  std::string url;  ///< absolute: "https://host[:port]/path?query"
  std::vector<Header> headers;
  std::string body;
};

/// What a scheme needs of a response: the status and the headers (challenges live there).
struct ResponseHead {
  int status = 0;
  std::vector<Header> headers;
};

/// ASCII case-insensitive equality, for header names and scheme names.
bool equals_ignoring_case(std::string_view a, std::string_view b);

/// The first header named `name`, or nothing.
std::optional<std::string> find_header(const std::vector<Header>& headers, std::string_view name);

/// Every value of headers named `name`, in order (WWW-Authenticate may come several times).
std::vector<std::string> all_headers(const std::vector<Header>& headers, std::string_view name);

/// Replaces every header named `name` by one with `value` (kept at the first one's place).
void set_header(std::vector<Header>& headers, std::string_view name, std::string value);

/// Removes every header named `name`.
void remove_header(std::vector<Header>& headers, std::string_view name);

}  // namespace postern::auth
