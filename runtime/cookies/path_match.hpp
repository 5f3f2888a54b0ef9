#pragma once
// Cookie paths: the default path a cookie without a Path attribute gets (RFC 6265 §5.1.4) and
// path-match, which decides whether a request path is inside a cookie's path.

#include <string>
#include <string_view>

namespace postern::cookies {

/// §5.1.4 default-path: the request path up to, not including, its last '/'; "/" when the path
/// is empty, does not start with '/', or has only one '/'. `request_path` has no query.
std::string default_path(std::string_view request_path);

/// §5.1.4 path-match: identical, or `cookie_path` is a prefix of `request_path` that ends with
/// '/' or is followed there by '/'. So "/docs" matches "/docs/a" but not "/docsearch".
bool path_match(std::string_view request_path, std::string_view cookie_path);

}  // namespace postern::cookies
